import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('[INFO] Skipping alchemy:up because alchemy.skip is set.')
build.lacks('created')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
