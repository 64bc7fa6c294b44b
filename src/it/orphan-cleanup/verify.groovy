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

def out = new File(basedir, 'target/out')

assert new File(out, 'keep.txt').text == 'kept'
assert !new File(out, 'extra.txt').exists()
assert !new File(out, 'cache/entries.txt').exists()

logHas('alchemy:up orphan-cleanup/dev: 3 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
logMatches(/deleted\s+orphan-cleanup\/dev\/extra \(fs::TextFile\)/)
logMatches(/deleted\s+orphan-cleanup\/dev\/cache\/entries \(fs::TextFile\)/)
logHas('alchemy:up orphan-cleanup/dev: 0 created, 0 updated, 0 replaced, 2 deleted, 1 unchanged')

def state = stateOf('orphan-cleanup', 'dev')
assert state.resources*.fqn == ['orphan-cleanup/dev/keep']
return true
