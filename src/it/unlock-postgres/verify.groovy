import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def build = BuildLog.of(basedir)

def servers = ItServers.await(basedir)
def url = servers.postgresUrl()
def lockId = new File(basedir, 'lock-id.txt').text
def held = System.properties.remove('alchemy.it.unlockPostgres')

// The lock is gone: no holder row, and the holder's session (and its advisory lock) ended.
def store = servers.postgresStore()
assert store.lockHolder('unlock-postgres', 'dev').isEmpty()
assert servers.count("SELECT count(*) FROM alchemy.stage_locks WHERE app = 'unlock-postgres'") == 0
held?.close()

def where = "(postgres state in table alchemy.records at ${url})"
// 1
build.has("Stage unlock-postgres/dev is locked: lock ${lockId} held by ")
build.has("If that run crashed or hangs, release its lock by running this goal again with its lock"
    + " id: -Dalchemy.lockId=${lockId} (and the same stage and backend settings).")
// 2
build.has("Lock id not-the-lock-id is not the lock on stage unlock-postgres/dev, which is lock"
    + " ${lockId} held by ")
build.has('Nothing was unlocked. Check the lock id; the lock may have changed hands since.')
// 3
build.has("Released lock ${lockId} of stage unlock-postgres/dev ${where}.")
build.lacks('pg-it-pw-5b1e9c')
return true
