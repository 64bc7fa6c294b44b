import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'plan-masks-secrets/dev'
def secrets = ['tok-PLANSECRET-one-9f8e7d', 'tok-PLANSECRET-two-1a2b3c']

build.has('[DEBUG]   (f) planFile = ')   // the runs were -X runs
// The plan shows that the secret changed, never a value.
build.has("~   update    ${app}/api-token (it::TokenFile)")
build.has('      token: (secret changed)')
build.has("Plan for ${app}: 0 to create, 1 to update, 0 to replace, 0 to delete, 0 unchanged")
// up applies it and reports the same.
build.matches(/updated\s+plan-masks-secrets\/dev\/api-token \(it::TokenFile\).*\n\[INFO\]       token: \(secret changed\)/)
build.has("alchemy:up ${app}: 0 created, 1 updated, 0 replaced, 0 deleted, 0 unchanged")
// Afterwards in sync: the same secret is no change.
build.has("Plan for ${app}: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged")
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(secrets[1].getBytes('UTF-8')).encodeHex().toString()
assert new File(basedir, 'target/out/token.sha256').text == sha

def plan = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan.json'))
assert plan.changes.size() == 1
assert plan.changes[0].changes == [[path: 'token', secret: true]]

// No secret anywhere: the log (with -X), the plan file, the state.
secrets.each { build.lacks(it) }
build.lacks('PLANSECRET')
def written = []
new File(basedir, 'target/alchemy').eachFileRecurse { if (it.isFile()) written << it }
assert written*.name.contains('plan.json') && written*.name.contains('state.json')
written.each { file -> assert !file.text.contains('PLANSECRET') : file }
return true
