import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
def logLacksMatch = { String regex -> assert !(log =~ regex).find() : "build.log has a match of: ${regex}" }
def stateOf = { String app, String stage ->
  def file = new File(basedir, "target/alchemy/state/${app}/${stage}/state.json")
  file.exists() ? new JsonSlurper().parse(file) : null
}

logHas('quiet true')
logLacksMatch(/created\s+quiet-mode\/dev/)
logHas('alchemy:up quiet-mode/dev: 2 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
assert new File(basedir, 'target/out/a.txt').text == 'a'
assert new File(basedir, 'target/out/b.txt').text == 'b'
return true
