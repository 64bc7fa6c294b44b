import groovy.json.JsonSlurper
import io.alchemy.maven.it.ItServers

def servers = ItServers.await(basedir)
def stage = 'team/infra/s3-backend/dev/'
def keys = servers.s3Keys(stage)
// One object per record; the lock object went with the run.
assert keys.contains(stage + 'resources/index.json') : keys
assert keys.contains(stage + 'resources/docs%2Fguide.json') : keys
assert keys.contains(stage + 'scopes/.json') : keys
assert !keys.contains(stage + 'lock.json') : keys
def guide = new JsonSlurper().parseText(servers.s3Object(stage + 'resources/docs%252Fguide.json'))
assert guide.fqn == 's3-backend/dev/docs/guide'
assert new File(basedir, 'target/out/docs/guide.txt').text == 'guide'
assert !new File(basedir, 'target/alchemy').exists()
return true
