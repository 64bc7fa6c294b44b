import io.alchemy.core.state.AccessMode
import io.alchemy.maven.it.ItServers

def servers = ItServers.await(basedir)
context.userProperties.put('alchemy.postgres.jdbcUrl', servers.postgresUrl())
// Another run holding the stage, in the invoker's JVM: a session advisory lock and its row.
def store = servers.postgresStore()
def held = store.open('unlock-postgres', 'dev', AccessMode.WRITE)
// Kept reachable until verify.groovy closes it.
System.properties.put('alchemy.it.unlockPostgres', held)
new File(basedir, 'lock-id.txt').text = store.lockHolder('unlock-postgres', 'dev').get().lockId()
return true
