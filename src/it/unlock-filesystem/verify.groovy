import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

System.properties.remove('alchemy.it.unlockFilesystem')?.close()
def lockId = new File(basedir, 'lock-id.txt').text
def pid = ProcessHandle.current().pid()

// 1: the holder, and why nothing can be forced.
build.has("Stage unlock-filesystem/dev is locked: lock ${lockId} held by ")
build.has(" (pid ${pid}) on ")
build.has('target/alchemy/state/unlock-filesystem/dev).')
build.has('The filesystem backend locks a stage with an operating-system lock, which belongs to the'
    + ' process that holds it: it is released the moment that process ends, never goes stale, and'
    + ' cannot be released by force.')
// 2: the right id still releases nothing; the store names the process to stop.
build.has('It cannot be released by force and never goes stale: it is released the moment that'
    + ' process ends.')
build.has("(kill ${pid})")
build.has('(state folder: ')
build.has('BUILD FAILURE')
return true
