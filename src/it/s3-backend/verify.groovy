import io.alchemy.maven.it.ItServers

def log = new File(basedir, 'build.log').text
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }

def servers = ItServers.await(basedir)
def endpoint = servers.s3Endpoint().toString()

logHas("state: s3 credentials from settings.xml server 's3-state' (named by <s3><serverId> in the"
    + " alchemy-maven-plugin configuration)")
logHas("; state in s3://alchemy-it-state/team/infra/s3-backend/dev/ at ${endpoint}")
logHas('alchemy:up s3-backend/dev: 2 created')
logHas('alchemy:destroy s3-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
def keys = servers.s3Keys('team/infra/s3-backend/dev/')
assert !keys.any { it.contains('/resources/') || it.endsWith('/lock.json') } : keys
assert !new File(basedir, 'target/out/index.html').exists()
// -X ran, and neither key was printed.
logMatches('\\[DEBUG\\] .*alchemy-maven-plugin')
logLacks('AKIAS3ITEXAMPLE0042')
logLacks('s3-it-secret-8d2f61')
return true
