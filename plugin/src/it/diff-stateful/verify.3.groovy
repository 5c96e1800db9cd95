// With the allow flag the same diff passes, and says what it let through.
def log = new File(basedir, 'build.log').getText('UTF-8')
def props = new Properties()
new File(basedir, 'target/run.properties').withReader('UTF-8') { props.load(it) }
def run = log.substring(props.getProperty('length') as int)
assert run.contains('BUILD SUCCESS')
assert run =~ /\[WARNING\] \d+ stateful object\(s\) deleted, allowed by agentfleet.diff.allowStatefulDeletion/
assert run.contains('[INFO]   ! stateful object deleted: PersistentVolumeClaim tiny-agents/tiny-agent-a2-worker')
props.setProperty('length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target/run.properties').withWriter('UTF-8') { props.store(it, null) }
return true
