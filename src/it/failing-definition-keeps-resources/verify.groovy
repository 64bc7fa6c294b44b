import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def out = new File(basedir, 'target/out')

// The failure names the scope and the cause, and the build failed on it.
build.has('alchemy:up of shop/dev failed. Scope shop/dev/storage failed: quota exceeded (simulated)')
build.has('No orphans were deleted')
build.has('alchemy:up shop/dev before it failed: 0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged')
build.has('[WARNING] The definition failed, so nothing is deleted')
build.has('BUILD FAILURE')

// Nothing the first run deployed was deleted, although the second run did not declare two of them.
['first.txt', 'images/index.txt', 'last.txt'].each { assert new File(out, it).isFile() : it }
build.lacksMatch(/deleted\s+shop\//)
def state = build.state('shop', 'dev')
assert state.resources*.fqn as Set == ['shop/dev/first', 'shop/dev/storage/images', 'shop/dev/storage/index', 'shop/dev/last'] as Set
return true
