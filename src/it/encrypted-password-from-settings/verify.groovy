import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog
import java.security.MessageDigest

def build = BuildLog.of(basedir)
def log = build.text()
def sha256 = { String text -> MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString() }
def filesUnder = { File root ->
  def found = [:]
  if (root.exists()) root.eachFileRecurse { if (it.isFile()) found[root.toPath().relativize(it.toPath()).toString()] = it }
  found
}

def secret = 'tok-ITSECRET-a1b2c3d4'           // in the definition's code
def appPassword = 'it-app-password-5e1f'       // encrypted in settings-encrypted.xml
def wrongPassword = 'not-the-password-7f3a'    // -Dalchemy.password of the second run

// 1. The password came from the settings.xml server, decrypted with this IT's master password.
build.has("secrets: app password from settings.xml server 'alchemy-prod' (named by -Dalchemy.passwordServerId on the command line)")
build.has('alchemy:up encrypted-password-from-settings/dev: 1 created')
build.has('[DEBUG]   (f) passwordServerId = alchemy-prod')   // the run was a -X run

// The state holds the secret only as encrypted envelopes: props, output and scope state.
def stateDir = new File(basedir, 'target/alchemy/state')
def state = new JsonSlurper().parse(new File(stateDir, 'encrypted-password-from-settings/dev/state.json'))
def envelopes = [state.resources[0].props.token, state.resources[0].output.token, state.scopes[0].values.token]
envelopes.each { token ->
  assert token.keySet() == ['@secret'] as Set : token
  assert token['@secret'].v == 1 && token['@secret'].kdf == 'PBKDF2WithHmacSHA256'
  assert token['@secret'].salt && token['@secret'].nonce && token['@secret'].data
}

// The provider got the real value, and the read goal decrypted the scope state, both seen only as hashes.
assert new File(basedir, 'target/out/token.sha256').text == sha256(secret)
build.has("read token sha256 ${sha256(secret)}")
// The read goal shows secrets in outputs masked.
build.matches(/encrypted-password-from-settings\/dev\/api-token \(it::TokenFile, created\) output: \{"path":"[^"]+","token":"Secret\[\*\*\*\*\]"\}/)

// Neither the secret nor the app password appears in the (debug) log or under the state folder.
build.lacks(secret)
build.lacks(appPassword)
def stateFiles = filesUnder(stateDir) + filesUnder(new File(basedir, 'target/state-before'))
assert stateFiles.keySet().contains('encrypted-password-from-settings/dev/state.json')
stateFiles.each { name, file ->
  assert !file.text.contains(secret) : name
  assert !file.text.contains(appPassword) : name
}

// 2. A wrong password fails before anything changes, and says where it came from.
build.has('Wrong password for the app encrypted-password-from-settings: it does not decrypt the secrets of encrypted-password-from-settings/dev/api-token in state.')
build.has('The app password of this run came from -Dalchemy.password on the command line.')
build.has('BUILD FAILURE')
// Alchemy shows the -D password masked in -X output...
build.has('[DEBUG]   (f) password = ****')
// ...but Maven itself prints the command line and every property in -X output (maven-resources-plugin's
// "properties used", which runs in the goals' compile fork). Those are the only places it may appear.
log.readLines().findAll { it.contains(wrongPassword) }.each { line ->
  assert line ==~ /\[DEBUG\] (alchemy\.password|env\.MAVEN_CMD_LINE_ARGS|sun\.java\.command): .*/ : "unexpected: ${line}"
}
// The state is byte for byte what it was before the second run.
def before = filesUnder(new File(basedir, 'target/state-before'))
def after = filesUnder(stateDir)
assert before.keySet() == after.keySet()
before.each { name, file -> assert Arrays.equals(file.bytes, after[name].bytes) : name }
return true
