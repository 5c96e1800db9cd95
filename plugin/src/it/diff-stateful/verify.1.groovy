// Commit the generated tree (its own repository, so the project's Git is not involved), then delete agent a2.
def git = { String... args ->
  def p = (['git', '-c', 'user.name=agentfleet', '-c', 'user.email=it@agentfleet.invalid'] + args.toList())
      .execute(null, basedir)
  p.waitFor()
  assert p.exitValue() == 0 : "git ${args.join(' ')}: ${p.err.text}"
}
git('init', '-q')
git('add', 'fleet.yaml', 'generated')
git('commit', '-q', '-m', 'tree with a1 and a2')
def fleet = new File(basedir, 'fleet.yaml')
def text = fleet.getText('UTF-8')
def edited = text.replaceFirst(/(?s)  - id: a2\n.*?backend: \{[^\n]*\n/, '')
assert edited != text && !edited.contains('id: a2') : 'fleet.yaml no longer lists agent a2'
fleet.setText(edited, 'UTF-8')
def snapshot = new Properties()
snapshot.setProperty('length', String.valueOf(new File(basedir, 'build.log').length()))
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/run.properties').withWriter('UTF-8') { snapshot.store(it, null) }
return true
