import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def out = new File(basedir, 'target/out')

// prod is untouched by dev's destroy.
assert new File(out, 'prod/config.txt').text == 'stage prod'
assert new File(out, 'prod/data').isDirectory()
def prod = build.state('stage-isolation', 'prod')
assert prod.resources*.fqn as Set == ['stage-isolation/prod/config', 'stage-isolation/prod/storage/data'] as Set

// dev is gone: its files, and its state folder.
assert !new File(out, 'dev/config.txt').exists()
assert !new File(out, 'dev/data').exists()
assert !new File(basedir, 'target/alchemy/state/stage-isolation/dev').exists()

// The app defaults to the artifactId; each run says what it did.
build.has('alchemy:up stage-isolation/dev with it.stages.StageFiles (named)')
build.has('alchemy:up stage-isolation/prod: 2 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
build.matches(/deleted\s+stage-isolation\/dev\/config \(fs::TextFile\)/)
build.has('alchemy:destroy stage-isolation/dev: 0 created, 0 updated, 0 replaced, 2 deleted, 0 unchanged')
build.lacksMatch(/deleted\s+stage-isolation\/prod/)
return true
