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

assert new File(basedir, 'target/out/release.txt').text == 'released'
assert stateOf('deploy-phase-binding', 'dev').resources*.fqn == ['deploy-phase-binding/dev/release']

// The goal ran in the deploy phase: after install and the skipped deploy, as the default execution.
def install = log.indexOf('--- install:')
def up = log.indexOf("--- alchemy:${pluginVersion}:up (default) @ deploy-phase-binding ---")
assert install >= 0 && up > install
logHas('Skipping artifact deployment')
logHas('alchemy:up deploy-phase-binding/dev: 1 created')
return true
