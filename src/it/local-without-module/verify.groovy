// Local mode without the module that brings the local PostgreSQL: a clear failure, and nothing
// recorded for the database.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Resource local-without-module/dev/app-db (postgres::Database) runs on a local'
    + ' server in local mode. Local mode has no local server for PostgresCredentials: none is'
    + ' installed. Add io.alchemy:alchemy-postgres-local to the <dependencies> of'
    + ' alchemy-maven-plugin in your POM')
assert log.contains('if (!scope.local()) { ... }')
assert log.contains('BUILD FAILURE')

def state = new File(basedir, 'target/alchemy/state/local-without-module/dev@local/state.json')
def journal = new File(basedir, 'target/alchemy/state/local-without-module/dev@local/journal.jsonl')
def recorded = (state.exists() ? state.text : '') + (journal.exists() ? journal.text : '')
assert recorded.contains('notes') : 'the file declared before it is recorded'
assert !recorded.contains('app-db') : 'nothing is recorded for the database'
assert new File(basedir, 'target/out/notes.txt').text == 'local notes'
return true
