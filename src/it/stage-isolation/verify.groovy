import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def logMatches = { String regex -> assert (log =~ regex).find() : "build.log lacks a match of: ${regex}" }
def logLacksMatch = { String regex -> assert !(log =~ regex).find() : "build.log has a match of: ${regex}" }
def stateOf = { String app, String stage ->
  def file = new File(basedir, "target/alchemy/state/${app}/${stage}/state.json")
  file.exists() ? new JsonSlurper().parse(file) : null
}

def out = new File(basedir, 'target/out')

// prod is untouched by dev's destroy.
assert new File(out, 'prod/config.txt').text == 'stage prod'
assert new File(out, 'prod/data').isDirectory()
def prod = stateOf('stage-isolation', 'prod')
assert prod.resources*.fqn as Set == ['stage-isolation/prod/config', 'stage-isolation/prod/storage/data'] as Set

// dev is gone: its files, and its state folder.
assert !new File(out, 'dev/config.txt').exists()
assert !new File(out, 'dev/data').exists()
assert !new File(basedir, 'target/alchemy/state/stage-isolation/dev').exists()

// The app defaults to the artifactId; each run says what it did.
logHas('alchemy:up stage-isolation/dev with it.stages.StageFiles (named)')
logHas('alchemy:up stage-isolation/prod: 2 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
logMatches(/deleted\s+stage-isolation\/dev\/config \(fs::TextFile\)/)
logHas('alchemy:destroy stage-isolation/dev: 0 created, 0 updated, 0 replaced, 2 deleted, 0 unchanged')
logLacksMatch(/deleted\s+stage-isolation\/prod/)
return true
