import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }

logHas('alchemy:up of secret-without-password/dev failed.')
logHas('Resource secret-without-password/dev/api-token holds a secret, but no password is configured to encrypt it, and Alchemy never stores a secret in plain text.')
logHas('No app password was configured for this run: neither <password> (-Dalchemy.password), nor <passwordServerId> (-Dalchemy.passwordServerId), nor the ALCHEMY_PASSWORD environment variable is set.')
logHas('BUILD FAILURE')
logLacks('secrets: app password from')
logLacks('tok-NOPASSWORD-9e8d7c')

// The provider was never called, and state records no resource.
assert !new File(basedir, 'target/out').exists()
def stateDir = new File(basedir, 'target/alchemy/state')
def stateFile = new File(stateDir, 'secret-without-password/dev/state.json')
if (stateFile.exists()) {
  assert new JsonSlurper().parse(stateFile).resources.isEmpty()
}
if (stateDir.exists()) {
  stateDir.eachFileRecurse { if (it.isFile()) assert !it.text.contains('tok-NOPASSWORD-9e8d7c') : it }
}
return true
