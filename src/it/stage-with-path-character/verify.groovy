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

logHas("The stage name '../prod' contains '..'.")
logHas("The stage '../prod' came from -Dalchemy.stage on the command line; choose another with -Dalchemy.stage=prod or <stage> in the alchemy-maven-plugin configuration. Nothing was run or written.")
logHas("The app name 'my:app' contains ':'.")
logHas("The app name 'my:app' came from -Dalchemy.app on the command line; choose another with -Dalchemy.app=my-app or <app> in the alchemy-maven-plugin configuration.")

// Rejected before the definition was even loaded: nothing ran, nothing was written anywhere.
logLacks('definition constructed')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
assert !new File(basedir, 'target/prod').exists()
return true
