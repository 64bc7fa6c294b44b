import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption

// Another run holding the stage: this script runs in the invoker's JVM, a different process from
// the Maven build under test, so the OS file lock blocks the build the way a concurrent run would.
def file = new File(basedir, 'target/alchemy/state/held-lock/.dev.lock').toPath()
file.parent.toFile().mkdirs()
def channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
def lock = channel.tryLock()
assert lock != null
channel.write(ByteBuffer.wrap('held by the held-lock IT\n'.bytes))
// Kept reachable until verify.groovy releases it: a collected channel would drop the lock.
System.properties.put('alchemy.it.heldLock', channel)
return true
