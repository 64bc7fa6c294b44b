import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()

// First run: the forked lifecycle copied resources and compiled, then the goal ran. Maven 3.9
// names the plugin by its prefix in these lines, older Maven by its artifactId.
def plugin = log.contains("--- alchemy:${pluginVersion}:") ? 'alchemy' : 'alchemy-maven-plugin'
def compiled = log.indexOf('Compiling 2 source files')
def firstUp = log.indexOf("--- ${plugin}:${pluginVersion}:up (default-cli) @ up-without-compile ---")
assert compiled >= 0 && firstUp > compiled
build.has(">>> ${plugin}:${pluginVersion}:up (default-cli) > process-classes @ up-without-compile >>>")
assert new File(basedir, 'target/out/greeting.txt').text == 'HELLO FROM THE CLASSPATH!'
build.has('alchemy:up up-without-compile/dev: 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')

// Second run: nothing to compile, nothing to change.
build.has('Nothing to compile - all classes are up to date')
build.has('alchemy:up up-without-compile/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged')
return true
