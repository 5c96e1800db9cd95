// The check, bound to verify by default, passed and said how many files it compared.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] --- agentfleet(-maven-plugin)?:[^:]+:check \(default\) @ check-fresh ---/ : 'the check did not run in verify'
def fresh = log =~ /\[INFO\] generated\/production is up to date \((\d+) files\)/
assert fresh.find() : 'the check did not report the tree up to date'
assert (fresh.group(1) as int) >= 3 : "too few files checked: ${fresh.group(0)}"
assert !log.contains('BUILD FAILURE') : 'a run failed'
return true
