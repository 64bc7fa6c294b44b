import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def classes = new File(basedir, 'target/classes').canonicalPath
def prefix = "[ERROR] Failed to execute goal io.alchemy:alchemy-maven-plugin:${pluginVersion}:up (default-cli) on project unknown-definition-class: "

// The exact message, except the number of dependency jars, which follows alchemy-core's own.
def exactly = { String before, String after ->
  build.matches(java.util.regex.Pattern.quote(prefix + before) + '\\d+ jars?' + java.util.regex.Pattern.quote(after))
}

exactly("Definition class Infrastructure was not found on the classpath (searched 1 folder (${classes}) and ",
    ').'
    + ' Did you mean it.unknown.Infrastructure? Name it with its fully qualified name, e.g. -Dalchemy.definition=it.unknown.Infrastructure,'
    + ' or <definition>it.unknown.Infrastructure</definition> in the alchemy-maven-plugin <configuration>.'
    + ' The name came from -Dalchemy.definition on the command line. -> [Help 1]')

exactly("Definition class it.unknown.Missing was not found on the classpath (searched 1 folder (${classes}) and ",
    ').'
    + ' Check the package and the spelling. The nearest class that implements InfrastructureDefinition is it.unknown.Infrastructure:'
    + ' name it, e.g. -Dalchemy.definition=it.unknown.Infrastructure, or <definition>it.unknown.Infrastructure</definition>'
    + ' in the alchemy-maven-plugin <configuration>.'
    + ' The name came from -Dalchemy.definition on the command line. -> [Help 1]')

assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
