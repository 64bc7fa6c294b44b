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

// The failure names the scope and the cause, and the build failed on it.
logHas('alchemy:up of shop/dev failed. Scope shop/dev/storage failed: quota exceeded (simulated)')
logHas('No orphans were deleted')
logHas('alchemy:up shop/dev before it failed: 0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged')
logHas('[WARNING] The definition failed, so nothing is deleted')
logHas('BUILD FAILURE')

// Nothing the first run deployed was deleted, although the second run did not declare two of them.
['first.txt', 'images/index.txt', 'last.txt'].each { assert new File(out, it).isFile() : it }
logLacksMatch(/deleted\s+shop\//)
def state = stateOf('shop', 'dev')
assert state.resources*.fqn as Set == ['shop/dev/first', 'shop/dev/storage/images', 'shop/dev/storage/index', 'shop/dev/last'] as Set
return true
