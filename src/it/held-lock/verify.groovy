import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def channel = System.properties.remove('alchemy.it.heldLock')
channel?.close()

// The engine words the holder and the fix; the plugin passes its message on unchanged.
build.has('on project held-lock: Stage held-lock/dev is locked by another run')
build.has('target/alchemy/state/held-lock/.dev.lock')
build.has('BUILD FAILURE')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy/state/held-lock/dev').exists()
return true
