// import-compose wrote fleet.yaml from the Compose file; generate accepted it and wrote a validated tree.
def fleet = new File(basedir, 'fleet.yaml')
assert fleet.isFile() : 'import-compose wrote no fleet.yaml'
def text = fleet.getText('UTF-8')
assert text.startsWith('# A starting fleet.yaml imported by agentfleet from docker-compose.yml.')
['a2', 'a3', 'a4'].each { assert text.contains("id: ${it}") : "agent ${it} is missing from fleet.yaml" }
assert !text.contains('POSTGRES_PASSWORD') : 'a Compose secret leaked into fleet.yaml'
['core/namespace.yaml', 'ci-cd/github-actions.yaml', 'migration/deploy.sh'].each {
    assert new File(basedir, "generated/production/${it}").isFile() : "generate did not write ${it}"
}
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Wrote ') && log.contains('(3 agents, 0 sub-agents)')
