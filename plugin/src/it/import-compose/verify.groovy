// import-compose wrote fleet.yaml from the seed-style Compose file; generate accepted it and wrote a validated tree.
def fleet = new File(basedir, 'fleet.yaml')
assert fleet.isFile() : 'import-compose wrote no fleet.yaml'
def text = fleet.getText('UTF-8')
assert text.startsWith('# A starting fleet.yaml imported by agentfleet from docker-compose.yml.')
['a2', 'a3', 'a4', 's1', 's6'].each { assert text.contains("id: ${it}") : "${it} is missing from fleet.yaml" }
['POSTGRES_PASSWORD', 'ghp_', 'db-pass', 's3cr3t'].each { assert !text.contains(it) : "a Compose secret (${it}) leaked into fleet.yaml" }
['core/namespace.yaml', 'ci-cd/github-actions.yaml', 'migration/deploy.sh', 'agents/booking-agent-a2.yaml',
 'sub-agents/claude-sub-agent-s1.yaml'].each {
    assert new File(basedir, "generated/production/${it}").isFile() : "generate did not write ${it}"
}
assert !new File(basedir, 'generated/production/sub-agents/claude-sub-agent-claude-sub-agent-s1.yaml').exists()
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Wrote ') && log.contains('(3 agents, 6 sub-agents)')
assert log.contains('Services left out (5):')
