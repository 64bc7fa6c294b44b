import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
def logLacksMatch = { String regex -> assert !(log =~ regex).find() : "build.log has a match of: ${regex}" }
def stateOf = { String stage ->
  new JsonSlurper().parse(new File(basedir, "target/alchemy/state/profile-sets-stage/${stage}/state.json"))
}

logHas('alchemy:up profile-sets-stage/prod: 1 created')
assert stateOf('prod').resources*.fqn == ['profile-sets-stage/prod/stage']
assert !new File(basedir, 'target/alchemy/state/profile-sets-stage/dev').exists()

logHas('alchemy:up profile-sets-stage/staging: 1 created')
assert stateOf('staging').resources*.fqn == ['profile-sets-stage/staging/stage']
assert new File(basedir, 'target/out/prod.txt').text == 'prod'
assert new File(basedir, 'target/out/staging.txt').text == 'staging'
return true
