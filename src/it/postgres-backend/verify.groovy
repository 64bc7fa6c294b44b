import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def build = BuildLog.of(basedir)

def servers = ItServers.await(basedir)
def url = servers.postgresUrl()

// 1: where state lives and where the login came from, never the login itself.
build.has("state: postgres user and password from settings.xml server 'pg-state' (named by the"
    + " <alchemy.postgres.serverId> property of the POM or an active profile)")
build.has("alchemy:up postgres-backend/dev with it.backend.Site (registered in ")
build.has("; state in table it_state.records at ${url}")
build.has('alchemy:up postgres-backend/dev: 2 created')
// 2: read shows the records from the table; destroy removes them.
build.has("Resources of postgres-backend/dev (2, state in table it_state.records at ${url}):")
build.has('alchemy:destroy postgres-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
assert servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
    + " AND kind = 'resource'") == 0
assert !new File(basedir, 'target/out/index.html').exists()
// Every run released its lock, and no deployed state went to the filesystem.
assert servers.count("SELECT count(*) FROM it_state.stage_locks WHERE app = 'postgres-backend'") == 0
assert !new File(basedir, 'target/alchemy/state/postgres-backend/dev').exists()
// 4: local state stays on this machine, never in the shared table.
build.has('local mode: state stays on this machine, in ')
build.has('; the postgres backend (from the <alchemy.backend> property of the POM or an active profile) holds the deployed stages')
build.matches('alchemy:up postgres-backend/dev with it.backend.Site .*; state in .*target/alchemy/state/postgres-backend/dev@local')
build.has('alchemy:destroy postgres-backend/dev: 0 created, 0 updated, 0 replaced, 2 deleted')
assert servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
    + " AND stage LIKE '%@local'") == 0
// The child scope's resource was read back from its row by name.
build.matches('postgres-backend/dev/docs/guide')
// 3: the driver's refusal, the URL, and where the login came from.
build.has("Cannot connect to the PostgreSQL state database at ${url} as alchemy_it: FATAL: password"
    + ' authentication failed for user "alchemy_it"')
build.has("(postgres state backend at ${url}: jdbcUrl from -Dalchemy.postgres.jdbcUrl on the command"
    + " line; user and password from settings.xml server 'pg-wrong' (named by"
    + " -Dalchemy.postgres.serverId on the command line))")
build.has('BUILD FAILURE')
// -X ran (3), and no password was printed: not the right one, not the wrong one.
build.matches('\\[DEBUG\\] .*alchemy-maven-plugin')
build.lacks('pg-it-pw-5b1e9c')
build.lacks('pg-wrong-pw-0d7a')
return true
