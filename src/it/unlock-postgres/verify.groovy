import io.alchemy.maven.it.ItServers

def log = new File(basedir, 'build.log').text
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }

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
logHas("Stage unlock-postgres/dev is locked: lock ${lockId} held by ")
logHas("If that run crashed or hangs, release its lock by running this goal again with its lock"
    + " id: -Dalchemy.lockId=${lockId} (and the same stage and backend settings).")
// 2
logHas("Lock id not-the-lock-id is not the lock on stage unlock-postgres/dev, which is lock"
    + " ${lockId} held by ")
logHas('Nothing was unlocked. Check the lock id; the lock may have changed hands since.')
// 3
logHas("Released lock ${lockId} of stage unlock-postgres/dev ${where}.")
logLacks('pg-it-pw-5b1e9c')
return true
