import io.alchemy.maven.it.ItServers

// This build's PostgreSQL server (started by the plugin's POM), as -Dalchemy.postgres.jdbcUrl.
def servers = ItServers.await(basedir)
context.userProperties.put('alchemy.postgres.jdbcUrl', servers.postgresUrl())
return true
