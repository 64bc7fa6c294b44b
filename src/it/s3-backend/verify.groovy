import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def build = BuildLog.of(basedir)

def servers = ItServers.await(basedir)
def endpoint = servers.s3Endpoint().toString()

build.has("state: s3 credentials from settings.xml server 's3-state' (named by <s3><serverId> in the"
    + " alchemy-maven-plugin configuration)")
build.has("; state in s3://alchemy-it-state/team/infra/s3-backend/dev/ at ${endpoint}")
build.has('alchemy:up s3-backend/dev: 2 created')
build.has('alchemy:destroy s3-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
def keys = servers.s3Keys('team/infra/s3-backend/dev/')
assert !keys.any { it.contains('/resources/') || it.endsWith('/lock.json') } : keys
assert !new File(basedir, 'target/out/index.html').exists()
// -X ran, and neither key was printed.
build.matches('\\[DEBUG\\] .*alchemy-maven-plugin')
build.lacks('AKIAS3ITEXAMPLE0042')
build.lacks('s3-it-secret-8d2f61')
return true
