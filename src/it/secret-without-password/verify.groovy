import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('alchemy:up of secret-without-password/dev failed.')
build.has('Resource secret-without-password/dev/api-token holds a secret, but no password is configured to encrypt it, and Alchemy never stores a secret in plain text.')
build.has('No app password was configured for this run: neither <password> (-Dalchemy.password), nor <passwordServerId> (-Dalchemy.passwordServerId), nor the ALCHEMY_PASSWORD environment variable is set.')
build.has('BUILD FAILURE')
build.lacks('secrets: app password from')
build.lacks('tok-NOPASSWORD-9e8d7c')

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
