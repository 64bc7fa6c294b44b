import io.alchemy.maven.it.ItServers

def log = new File(basedir, 'build.log').text
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }

def servers = ItServers.await(basedir)
def url = servers.postgresUrl()

// 1: where state lives and where the login came from, never the login itself.
logHas("state: postgres user and password from settings.xml server 'pg-state' (named by the"
    + " <alchemy.postgres.serverId> property of the POM or an active profile)")
logHas("alchemy:up postgres-backend/dev with it.backend.Site (registered in ")
logHas("; state in table it_state.records at ${url}")
logHas('alchemy:up postgres-backend/dev: 2 created')
// 2: read shows the records from the table; destroy removes them.
logHas("Resources of postgres-backend/dev (2, state in table it_state.records at ${url}):")
logHas('alchemy:destroy postgres-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
assert servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
    + " AND kind = 'resource'") == 0
assert !new File(basedir, 'target/out/index.html').exists()
// Every run released its lock, and no deployed state went to the filesystem.
assert servers.count("SELECT count(*) FROM it_state.stage_locks WHERE app = 'postgres-backend'") == 0
assert !new File(basedir, 'target/alchemy/state/postgres-backend/dev').exists()
// 4: local state stays on this machine, never in the shared table.
logHas('local mode: state stays on this machine, in ')
logHas('; the postgres backend (from the <alchemy.backend> property of the POM or an active profile) holds the deployed stages')
logMatches('alchemy:up postgres-backend/dev with it.backend.Site .*; state in .*target/alchemy/state/postgres-backend/dev@local')
logHas('alchemy:destroy postgres-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
assert servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
    + " AND stage LIKE '%@local'") == 0
// The child scope's resource was read back from its row by name.
logMatches('postgres-backend/dev/docs/guide')
// 3: the driver's refusal, the URL, and where the login came from.
logHas("Cannot connect to the PostgreSQL state database at ${url} as alchemy_it: FATAL: password"
    + ' authentication failed for user "alchemy_it"')
logHas("(postgres state backend at ${url}: jdbcUrl from -Dalchemy.postgres.jdbcUrl on the command"
    + " line; user and password from settings.xml server 'pg-wrong' (named by"
    + " -Dalchemy.postgres.serverId on the command line))")
logHas('BUILD FAILURE')
// -X ran (3), and no password was printed: not the right one, not the wrong one.
logMatches('\\[DEBUG\\] .*alchemy-maven-plugin')
logLacks('pg-it-pw-5b1e9c')
logLacks('pg-wrong-pw-0d7a')
return true
