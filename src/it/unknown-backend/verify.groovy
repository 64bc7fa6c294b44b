def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }

logHas("on project unknown-backend: The state backend 'mongodb' (from -Dalchemy.backend on the"
    + " command line) is not one of filesystem, postgres, s3. Choose one with"
    + " -Dalchemy.backend=postgres or <backend> in the alchemy-maven-plugin configuration."
    + " Nothing was run or written.")
logHas('BUILD FAILURE')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
return true
