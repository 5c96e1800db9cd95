// The plan printed both scales and the budget, and wrote plan.json and plan.md under target/agentfleet.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[INFO] At maximum scale:') : 'no table at maximum scale'
assert log.contains('[INFO] At minimum scale:') : 'no table at minimum scale'
assert log =~ /Budget 2400 requests\/min, set by claude\.limits\.requestsPerMinute/ : 'budget not printed'
def json = new File(basedir, 'target/agentfleet/plan.json')
assert json.isFile() : 'plan.json not written'
def plan = new groovy.json.JsonSlurper().parse(json)
assert plan.fleet == 'tiny-agents'
// 2400 / 600 = 4 pods: minima 2, s1 (high) to its 2, then s2 gets one more.
assert plan.claudeBudget.subAgents*.max == [2, 2] : "capped maxima: ${plan.claudeBudget.subAgents*.max}"
assert plan.maximum.nodes.count >= 1
assert new File(basedir, 'target/agentfleet/plan.md').text.startsWith('# Capacity plan')
assert plan.units.cpu == "millicores" : "JSON CPU unit: ${plan.units.cpu}"
assert log =~ /requests\.cpu +[0-9.]+ cores/ : "quota CPU not in cores"
assert !log.contains('BUILD FAILURE')
return true
