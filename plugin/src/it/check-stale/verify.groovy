// The check failed with a readable per-file summary and the hint; it wrote nothing.
def log = new File(basedir, 'build.log').getText('UTF-8')
def snapshot = new Properties()
new File(basedir, 'target/first-run.properties').withReader('UTF-8') { snapshot.load(it) }
def check = log.substring(snapshot.getProperty('build.log.length') as int)

assert check.contains('BUILD FAILURE') : 'the check passed on a stale tree'
assert check.contains('[ERROR] generated/production is not up to date with fleet.yaml:') : 'the check failed for another reason'
assert check =~ /\[ERROR\] 0 added, [1-9]\d* changed, 0 removed, \d+ unchanged/ : 'no count line with changed files'
def changed = check =~ /\[ERROR\]   ~ sub-agents\/claude-sub-agent-s1\.yaml: line (\d+) differs\R\[ERROR\]       expected: (.*)\R\[ERROR\]       actual:   (.*)/
assert changed.find() : 'the summary does not show where sub-agents/claude-sub-agent-s1.yaml differs'
assert changed.group(2).contains('4') && changed.group(3).contains('2') : "unexpected first difference: ${changed.group(0)}"
assert !(check =~ /~ sub-agents\/claude-sub-agent-s2\.yaml/) : 's2 did not change and must not be listed'
assert check.contains('[ERROR] run mvn agentfleet:generate and commit the result') : 'the hint is missing'

// check never writes: the tree is still the one run 1 generated for replicas 1..2.
assert new File(basedir, 'generated/production/sub-agents/claude-sub-agent-s1.yaml').isFile() : 'the tree of run 1 is gone'
return true
