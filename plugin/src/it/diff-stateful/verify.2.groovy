// The diff failed on a2's workspace volume and database objects, naming each, and still wrote its Markdown.
def log = new File(basedir, 'build.log').getText('UTF-8')
def props = new Properties()
new File(basedir, 'target/run.properties').withReader('UTF-8') { props.load(it) }
def run = log.substring(props.getProperty('length') as int)
assert run.contains('BUILD FAILURE') : 'the diff passed a deleted volume'
assert run.contains('[ERROR] stateful object deleted: PersistentVolumeClaim tiny-agents/tiny-agent-a2-worker: removed (agents/tiny-agent-a2.yaml)')
assert run.contains('[ERROR] stateful object deleted: Database tiny-agents/tiny-agent-a2')
assert run.contains('-Dagentfleet.diff.allowStatefulDeletion=true') : 'the failure does not say how to allow it'
def md = new File(basedir, 'target/agentfleet/diff.md').getText('UTF-8')
assert md.startsWith('<!-- agentfleet-diff -->\n## agentfleet diff: generated/production (committed) → generated from fleet.yaml')
assert md.contains('| removed | Deployment tiny-agents/tiny-agent-a2-backend | agents/tiny-agent-a2.yaml |  |')
assert md.contains('- **stateful object deleted**: PersistentVolumeClaim tiny-agents/tiny-agent-a2-worker')
assert new File(basedir, 'generated/production/agents/tiny-agent-a2.yaml').isFile() : 'diff must not write the tree'
props.setProperty('length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target/run.properties').withWriter('UTF-8') { props.store(it, null) }
return true
