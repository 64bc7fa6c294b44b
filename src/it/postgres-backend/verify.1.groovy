import io.alchemy.maven.it.ItServers

def servers = ItServers.await(basedir)
def rows = { String kind ->
  servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
      + " AND stage = 'dev' AND kind = ?", kind)
}
// Both resources and the stage scope's data are rows of the table, and the lock went with the run.
assert rows('resource') == 2
assert rows('scope') >= 1
assert servers.count("SELECT count(*) FROM it_state.records WHERE app = 'postgres-backend'"
    + " AND kind = 'resource' AND body::jsonb ->> 'fqn' = 'postgres-backend/dev/docs/guide'") == 1
assert servers.count("SELECT count(*) FROM it_state.stage_locks WHERE app = 'postgres-backend'") == 0
assert new File(basedir, 'target/out/docs/guide.txt').text == 'guide'
// Nothing under target/ but the files the definition made: no filesystem state.
assert !new File(basedir, 'target/alchemy').exists()
return true
