// Skipped: nothing read (there is no fleet.yaml), nothing written.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[INFO] Skipping agentfleet (agentfleet.skip=true)') : 'the goal did not say it skipped'
assert log.contains('BUILD SUCCESS') : 'the skipped build failed'
assert !new File(basedir, 'generated').exists() : 'a skipped goal wrote generated/'
return true
