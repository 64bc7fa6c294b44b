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

def channel = System.properties.remove('alchemy.it.heldLock')
channel?.close()

// The engine words the holder and the fix; the plugin passes its message on unchanged.
logHas('on project held-lock: Stage held-lock/dev is locked by another run')
logHas('target/alchemy/state/held-lock/.dev.lock')
logHas('BUILD FAILURE')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy/state/held-lock/dev').exists()
return true
