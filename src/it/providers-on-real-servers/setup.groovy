import io.alchemy.maven.it.ItServers

// This build's servers (started by the plugin's POM). The providers log in as an administrator
// with a password: a superuser made here, since the trusted 'postgres' needs none.
def servers = ItServers.await(basedir)
def admin = 'it_providers_admin'
def adminPassword = 'providers-admin-pw-d83f'
if (servers.count('SELECT count(*) FROM pg_roles WHERE rolname = ?', admin) == 0) {
  def c = servers.admin()
  try {
    c.createStatement().execute("CREATE ROLE ${admin} SUPERUSER LOGIN PASSWORD '${adminPassword}'")
  } finally {
    c.close()
  }
}
def url = new URI(servers.postgresUrl().substring('jdbc:'.length()))
context.userProperties.put('it.pg.host', url.host)
context.userProperties.put('it.pg.port', Integer.toString(url.port))
context.userProperties.put('it.pg.username', admin)
context.userProperties.put('it.pg.password', adminPassword)
context.userProperties.put('it.s3.endpoint', servers.s3Endpoint().toString())
return true
