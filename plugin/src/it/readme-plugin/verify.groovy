// The README's plugin snippet works as written: generate wrote a validated tree, check found it up to date.
def tree = new File(basedir, 'generated/production')
['core/namespace.yaml', 'agents/writer-w1.yaml', 'sub-agents/claude-sub-agent-h1.yaml', 'ci-cd/github-actions.yaml'].each {
    assert new File(tree, it).isFile() : "generate did not write ${it}"
}
assert new File(tree, 'core/namespace.yaml').getText('UTF-8').contains('name: docs-crew')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] \d+ added, 0 changed, 0 removed, 0 unchanged/ : 'generate did not report the files it added'
assert log =~ /\[INFO\] generated\/production is up to date \(\d+ files\)/ : 'check did not find the tree up to date'
assert !log.contains('schemaLocation') : 'a message asked for a schema location'
assert !log.contains('[WARNING]') : 'a user-facing warning was logged'
assert !log.contains('BUILD FAILURE') : 'a run failed'
return true
