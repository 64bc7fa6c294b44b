import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has("on project unknown-backend: The state backend 'mongodb' (from -Dalchemy.backend on the"
    + " command line) is not one of filesystem, postgres, s3. Choose one with"
    + " -Dalchemy.backend=postgres or <backend> in the alchemy-maven-plugin configuration."
    + " Nothing was run or written.")
build.has('BUILD FAILURE')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
