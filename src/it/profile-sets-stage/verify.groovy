import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has('alchemy:up profile-sets-stage/prod: 1 created')
assert build.state('profile-sets-stage', 'prod').resources*.fqn == ['profile-sets-stage/prod/stage']
assert !new File(basedir, 'target/alchemy/state/profile-sets-stage/dev').exists()

build.has('alchemy:up profile-sets-stage/staging: 1 created')
assert build.state('profile-sets-stage', 'staging').resources*.fqn == ['profile-sets-stage/staging/stage']
assert new File(basedir, 'target/out/prod.txt').text == 'prod'
assert new File(basedir, 'target/out/staging.txt').text == 'staging'
return true
