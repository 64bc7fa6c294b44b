import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def build = BuildLog.of(basedir)

def servers = ItServers.await(basedir)
def url = servers.postgresUrl()
def source = new JsonSlurper().parse(new File(basedir,
    'target/alchemy/state/migrate-state-to-postgres/dev/state.json'))

// Every record of target/ is a row, with the same body.
assert source.resources.size() == 2
source.resources.each { record ->
  assert servers.count("SELECT count(*) FROM alchemy.records WHERE app = 'migrate-state-to-postgres'"
      + " AND stage = 'dev' AND kind = 'resource' AND body::jsonb = ?::jsonb",
      groovy.json.JsonOutput.toJson(record)) == 1 : record
}
assert servers.count("SELECT count(*) FROM alchemy.records WHERE app = 'migrate-state-to-postgres'"
    + " AND kind = 'resource'") == 2
assert servers.count("SELECT count(*) FROM alchemy.records WHERE app = 'migrate-state-to-postgres'"
    + " AND kind = 'scope'") == source.scopes.size()

build.matches('alchemy:migrate-state migrate-state-to-postgres/dev from filesystem state in \\S+'
    + '/target/alchemy/state/migrate-state-to-postgres/dev to postgres state in table'
    + " alchemy.records at ${java.util.regex.Pattern.quote(url)}")
build.has("state: postgres user and password from settings.xml server 'pg-state'")
build.matches('alchemy:migrate-state migrate-state-to-postgres/dev: copied 2 resource record\\(s\\) and'
    + ' \\d+ scope record\\(s\\) from ')
build.has("Stage migrate-state-to-postgres/dev already has state in table alchemy.records at ${url}")
build.has('copy again with overwrite on (-Dalchemy.overwrite=true).')
build.has(', overwriting what the target holds')
build.has('alchemy:up migrate-state-to-postgres/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged')
build.lacks('pg-it-pw-5b1e9c')
return true
