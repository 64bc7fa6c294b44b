import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()

// First run: the forked lifecycle copied resources and compiled, then the goal ran.
def compiled = log.indexOf('Compiling 2 source files')
def firstUp = log.indexOf("--- alchemy:${pluginVersion}:up (default-cli) @ up-without-compile ---")
assert compiled >= 0 && firstUp > compiled
build.has(">>> alchemy:${pluginVersion}:up (default-cli) > process-classes @ up-without-compile >>>")
assert new File(basedir, 'target/out/greeting.txt').text == 'HELLO FROM THE CLASSPATH!'
build.has('alchemy:up up-without-compile/dev: 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')

// Second run: nothing to compile, nothing to change.
build.has('Nothing to compile - all classes are up to date')
build.has('alchemy:up up-without-compile/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged')
return true
