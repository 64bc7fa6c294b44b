import io.alchemy.core.state.AccessMode
import io.alchemy.core.state.FileSystemStateStore

// Another run holding the stage: the real store, in the invoker's JVM (a different process from
// the builds under test), takes the stage's operating-system lock and names itself in the file.
def store = new FileSystemStateStore(new File(basedir, 'target/alchemy/state').toPath())
def held = store.open('unlock-filesystem', 'dev', AccessMode.WRITE)
// Kept reachable until verify.groovy releases it.
System.properties.put('alchemy.it.unlockFilesystem', held)
new File(basedir, 'lock-id.txt').text = store.lockHolder('unlock-filesystem', 'dev').get().lockId()
return true
