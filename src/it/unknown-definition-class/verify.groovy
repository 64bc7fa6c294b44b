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

def classes = new File(basedir, 'target/classes').canonicalPath
def prefix = "[ERROR] Failed to execute goal io.alchemy:alchemy-maven-plugin:${pluginVersion}:up (default-cli) on project unknown-definition-class: "

// The exact message, except the number of dependency jars, which follows alchemy-core's own.
def exactly = { String before, String after ->
  logMatches(java.util.regex.Pattern.quote(prefix + before) + '\\d+ jars?' + java.util.regex.Pattern.quote(after))
}

exactly("Definition class Infrastructure was not found on the classpath (searched 1 folder (${classes}) and ",
    ').'
    + ' Did you mean it.unknown.Infrastructure? Name it with its fully qualified name, e.g. -Dalchemy.definition=it.unknown.Infrastructure,'
    + ' or <definition>it.unknown.Infrastructure</definition> in the alchemy-maven-plugin <configuration>.'
    + ' The name came from -Dalchemy.definition on the command line. -> [Help 1]')

exactly("Definition class it.unknown.Missing was not found on the classpath (searched 1 folder (${classes}) and ",
    ').'
    + ' Check the package and the spelling (the fully qualified name, e.g. -Dalchemy.definition=com.example.Infrastructure,'
    + ' or <definition>com.example.Infrastructure</definition> in the alchemy-maven-plugin <configuration>).'
    + ' The name came from -Dalchemy.definition on the command line. -> [Help 1]')

assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
