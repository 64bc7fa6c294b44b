def log = new File(basedir, 'build.log').text
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }

System.properties.remove('alchemy.it.unlockFilesystem')?.close()
def lockId = new File(basedir, 'lock-id.txt').text
def pid = ProcessHandle.current().pid()

// 1: the holder, and why nothing can be forced.
logHas("Stage unlock-filesystem/dev is locked: lock ${lockId} held by ")
logHas(" (pid ${pid}) on ")
logHas('target/alchemy/state/unlock-filesystem/dev).')
logHas('The filesystem backend locks a stage with an operating-system lock, which belongs to the'
    + ' process that holds it: it is released the moment that process ends, never goes stale, and'
    + ' cannot be released by force.')
// 2: the right id still releases nothing; the store names the process to stop.
logHas('It cannot be released by force and never goes stale: it is released the moment that'
    + ' process ends.')
logHas("(kill ${pid})")
logHas('(state folder: ')
logHas('BUILD FAILURE')
return true
