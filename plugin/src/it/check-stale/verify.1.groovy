// The tree is now "committed"; change the fleet behind its back, as a pull request that forgot to regenerate would.
def fleet = new File(basedir, 'fleet.yaml')
def text = fleet.getText('UTF-8')
def edited = text.replace('replicas: 1..2,', 'replicas: 1..4,')
assert edited != text : 'fleet.yaml no longer has s1 at replicas 1..2'
fleet.setText(edited, 'UTF-8')
def snapshot = new Properties()
snapshot.setProperty('build.log.length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/first-run.properties').withWriter('UTF-8') { snapshot.store(it, null) }
return true
