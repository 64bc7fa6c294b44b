import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()

assert new File(basedir, 'target/out/release.txt').text == 'released'
assert build.state('deploy-phase-binding', 'dev').resources*.fqn == ['deploy-phase-binding/dev/release']

// The goal ran in the deploy phase: after install and the skipped deploy, as the default execution.
// Maven 3.9 heads a goal's output with its plugin's prefix, older Maven with the artifactId.
def maven39 = log.contains('--- install:')
def install = log.indexOf(maven39 ? '--- install:' : '--- maven-install-plugin:')
def plugin = maven39 ? 'alchemy' : 'alchemy-maven-plugin'
def up = log.indexOf("--- ${plugin}:${pluginVersion}:up (default) @ deploy-phase-binding ---")
assert install >= 0 && up > install
build.has('Skipping artifact deployment')
build.has('alchemy:up deploy-phase-binding/dev: 1 created')
return true
