import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

build.has("The stage name '../prod' contains '..'.")
build.has("The stage '../prod' came from -Dalchemy.stage on the command line; choose another with -Dalchemy.stage=prod or <stage> in the alchemy-maven-plugin configuration. Nothing was run or written.")
build.has("The app name 'my:app' contains ':'.")
build.has("The app name 'my:app' came from -Dalchemy.app on the command line; choose another with -Dalchemy.app=my-app or <app> in the alchemy-maven-plugin configuration.")

// Rejected before the definition was even loaded: nothing ran, nothing was written anywhere.
build.lacks('definition constructed')
assert !new File(basedir, 'target/out').exists()
assert !new File(basedir, 'target/alchemy').exists()
assert !new File(basedir, 'target/prod').exists()
return true
