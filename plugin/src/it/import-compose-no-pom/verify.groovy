// import-compose ran in a folder without pom.xml and wrote fleet.yaml there, naming the fleet after the folder.
assert !new File(basedir, 'pom.xml').exists() : 'this IT must run without a pom'
def fleet = new File(basedir, 'fleet.yaml')
assert fleet.isFile() : 'import-compose wrote no fleet.yaml'
def text = fleet.getText('UTF-8')
assert text.contains('name: import-compose-no-pom')
assert text.contains('id: s1') && text.contains('replicas: 1..4') && !text.contains('claude-sub-agent-s1\n')
assert !text.contains('ghp_') : 'the GitHub token leaked into fleet.yaml'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('cache: not an agent (redis:7.4)')
assert log.contains('kubectl create secret generic claude-sub-agent-s1-env')
