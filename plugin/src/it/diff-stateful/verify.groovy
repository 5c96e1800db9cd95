// An unknown revision is named as the parameter that holds it, not as git's own words.
def log = new File(basedir, 'build.log').getText('UTF-8')
def props = new Properties()
new File(basedir, 'target/run.properties').withReader('UTF-8') { props.load(it) }
def run = log.substring(props.getProperty('length') as int)
assert run.contains('BUILD FAILURE')
assert run.contains("agentfleet.diff.base: 'no-such-revision' is not a revision of the repository")
return true
