// The snippet compiled as written, ran, and wrote a validated tree using the schemas inside agentfleet.
def tree = new File(basedir, 'generated/production')
['core/namespace.yaml', 'agents/lab-l1.yaml', 'sub-agents/claude-sub-agent-t1.yaml'].each {
    assert new File(tree, it).isFile() : "the snippet did not write ${it}"
}
assert new File(basedir, 'target/classes/GenerateFleet.class').isFile() : 'the snippet was not compiled'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('+ core/namespace.yaml') : 'the snippet did not print its report'
assert !log.contains('BUILD FAILURE') : 'the build failed'
return true
