// Local mode with alchemy-postgres-local in the plugin's dependencies: three real Maven runs.
def log = new File(basedir, 'build.log').getText('UTF-8')

// Started for each run (the definition's own JDBC code asks for it), with where its output goes,
// and stopped at its end.
assert log.count("Local embedded PostgreSQL on localhost:") == 6 : "three runs, each started and stopped it"
assert (log =~ /Local embedded PostgreSQL on localhost:\d+ \(data in .*target\/alchemy\/local\/local-postgres\/dev\/postgres\) started in \d+ ms/).find() : log
assert log.contains('target/alchemy/logs/local-postgres/dev/postgres.log')
// zonky's own step-by-step INFO lines stay out of the build log.
assert !log.contains('postmaster started as') && !log.contains('Did not clean up directory')
def data = new File(basedir, 'target/alchemy/local/local-postgres/dev/postgres')
assert new File(data, 'PG_VERSION').exists()
assert !new File(data, 'postmaster.pid').exists() : 'the server was stopped with the last run'

// Run 1 created the three and the report; run 2 found them on the restarted server with the
// row of run 1 (rows=2); run 3 dropped them.
assert log.contains('created   local-postgres/dev/app-db (postgres::Database)')
assert log.contains('created   local-postgres/dev/orders (postgres::Schema)')
assert log.contains('deleted   local-postgres/dev/app-db (postgres::Database)')
assert log.contains('0 created, 0 updated, 0 replaced, 0 deleted, 3 unchanged') : log
def lines = new File(basedir, 'target/out/runs.txt').readLines()
assert lines.size() == 2 : lines
assert lines[0] ==~ /jdbc:postgresql:\/\/localhost:\d+\/shop rows=1/
assert lines[1] == lines[0].replace('rows=1', 'rows=2') : 'same URL, and the row of run 1 is kept'

// Local state only: the deployed stage was never touched. After the local destroy nothing of the
// app's state is left, not even a lock file (the password check below finds no state file then).
def state = new File(basedir, 'target/alchemy/state/local-postgres')
assert !new File(state, 'dev').exists()
assert !state.exists() : "left behind: ${state.listFiles()*.name}"

// The role's password never shows.
assert !log.contains('local-role-pw-93ab')
return true
