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

// First run: the forked lifecycle copied resources and compiled, then the goal ran.
def compiled = log.indexOf('Compiling 2 source files')
def firstUp = log.indexOf("--- alchemy:${pluginVersion}:up (default-cli) @ up-without-compile ---")
assert compiled >= 0 && firstUp > compiled
logHas(">>> alchemy:${pluginVersion}:up (default-cli) > process-classes @ up-without-compile >>>")
assert new File(basedir, 'target/out/greeting.txt').text == 'HELLO FROM THE CLASSPATH!'
logHas('alchemy:up up-without-compile/dev: 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')

// Second run: nothing to compile, nothing to change.
logHas('Nothing to compile - all classes are up to date')
logHas('alchemy:up up-without-compile/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged')
return true
