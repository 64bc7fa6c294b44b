import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()

build.has('alchemy:up destroy-removes-everything/dev: 4 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
build.has('alchemy:destroy destroy-removes-everything/dev: 0 created, 0 updated, 0 replaced, 4 deleted, 0 unchanged')

// Newest first: the files before the folders that hold them (a folder is only deleted when empty).
def order = (log =~ /deleted\s+destroy-removes-everything\/dev\/(\S+) /).collect { it[1] }
assert order == ['assets/style', 'assets/css', 'index', 'site']

assert !new File(basedir, 'target/out/site').exists()
assert !new File(basedir, 'target/alchemy/state/destroy-removes-everything/dev').exists()
return true
