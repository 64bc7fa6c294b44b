import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has("on project unknown-backend: The state backend 'mongodb' (from -Dalchemy.backend on the"
    + " command line) is not one of filesystem, postgres, s3. Choose one with"
    + " -Dalchemy.backend=postgres or <backend> in the alchemy-maven-plugin configuration."
    + " Nothing was run or written.")
build.has("on project unknown-backend: The postgres state backend (from -Dalchemy.backend on the"
    + " command line) is not installed: its module alchemy-state-postgres is not among the"
    + " alchemy-maven-plugin's dependencies. Add it to the plugin in your POM: <plugin>...<dependencies>"
    + "<dependency><groupId>io.alchemy</groupId><artifactId>alchemy-state-postgres</artifactId>"
    + "<version>")
build.has('BUILD FAILURE')
// The plugin never loads a backend it was not given: no JDBC driver class either.
assert !build.text().contains('org.postgresql')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
