import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def out = new File(basedir, 'target/out')

assert new File(out, 'keep.txt').text == 'kept'
assert !new File(out, 'extra.txt').exists()
assert !new File(out, 'cache/entries.txt').exists()

build.has('alchemy:up orphan-cleanup/dev: 3 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
build.matches(/deleted\s+orphan-cleanup\/dev\/extra \(fs::TextFile\)/)
build.matches(/deleted\s+orphan-cleanup\/dev\/cache\/entries \(fs::TextFile\)/)
build.has('alchemy:up orphan-cleanup/dev: 0 created, 0 updated, 0 replaced, 2 deleted, 1 unchanged')

def state = build.state('orphan-cleanup', 'dev')
assert state.resources*.fqn == ['orphan-cleanup/dev/keep']
return true
