// With the allow flag the same diff passes, and says what it let through.
def log = new File(basedir, 'build.log').getText('UTF-8')
def props = new Properties()
new File(basedir, 'target/run.properties').withReader('UTF-8') { props.load(it) }
def run = log.substring(props.getProperty('length') as int)
assert run.contains('BUILD SUCCESS')
assert run =~ /\[WARNING\] \d+ stateful object\(s\) deleted, allowed by agentfleet.diff.allowStatefulDeletion/
assert run.contains('[INFO]   ! stateful object deleted: PersistentVolumeClaim tiny-agents/tiny-agent-a2-worker')
// Run 3 caps the Markdown at 1 500 bytes: whole pieces, the flags first, then what was left out.
def md = new File(basedir, 'target/agentfleet/diff.md').getBytes()
assert md.length <= 1500 : "diff.md holds ${md.length} bytes"
def text = new String(md, 'UTF-8')
assert text.contains('- **stateful object deleted**: PersistentVolumeClaim tiny-agents/tiny-agent-a2-worker')
assert text =~ /\n_Left out to stay within 1500 bytes: (\d+ [a-z' -]+, )*\d+ rows of the table of changes[^\n]*\. `mvn agentfleet:diff` prints every change\._\n$/
assert !text.contains('| removed | Deployment tiny-agents/tiny-agent-a2-backend')
assert run.contains('[INFO]   - Deployment tiny-agents/tiny-agent-a2-backend (agents/tiny-agent-a2.yaml)')
props.setProperty('length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target/run.properties').withWriter('UTF-8') { props.store(it, null) }
return true
