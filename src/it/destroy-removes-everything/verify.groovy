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

logHas('alchemy:up destroy-removes-everything/dev: 4 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
logHas('alchemy:destroy destroy-removes-everything/dev: 0 created, 0 updated, 0 replaced, 4 deleted, 0 unchanged')

// Newest first: the files before the folders that hold them (a folder is only deleted when empty).
def order = (log =~ /deleted\s+destroy-removes-everything\/dev\/(\S+) /).collect { it[1] }
assert order == ['assets/style', 'assets/css', 'index', 'site']

assert !new File(basedir, 'target/out/site').exists()
assert !new File(basedir, 'target/alchemy/state/destroy-removes-everything/dev').exists()
return true
