import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('quiet true')
build.lacksMatch(/created\s+quiet-mode\/dev/)
build.has('alchemy:up quiet-mode/dev: 2 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
assert new File(basedir, 'target/out/a.txt').text == 'a'
assert new File(basedir, 'target/out/b.txt').text == 'b'
return true
