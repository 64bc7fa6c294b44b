import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()

assert new File(basedir, 'target/out/release.txt').text == 'released'
assert build.state('deploy-phase-binding', 'dev').resources*.fqn == ['deploy-phase-binding/dev/release']

// The goal ran in the deploy phase: after install and the skipped deploy, as the default execution.
def install = log.indexOf('--- install:')
def up = log.indexOf("--- alchemy:${pluginVersion}:up (default) @ deploy-phase-binding ---")
assert install >= 0 && up > install
build.has('Skipping artifact deployment')
build.has('alchemy:up deploy-phase-binding/dev: 1 created')
return true
