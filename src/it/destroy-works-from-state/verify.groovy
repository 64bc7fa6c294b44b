import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'destroy-works-from-state'

// 1: nothing deployed, nothing run.
build.has("Stage ${app}/dev has nothing deployed")
build.has('so there is nothing to destroy; the definition was not run.')

// 2: the half-way up recorded what it made.
build.has('failing half way, as asked')
build.has("alchemy:up ${app}/dev before it failed: 2 created")

// 3: the definition hit a null output in the destroy phase, and everything was deleted anyway.
build.has('The definition failed in the destroy phase')
build.has('check scope.phase() before using its output')
build.has("alchemy:destroy ${app}/dev: 0 created, 0 updated, 0 replaced, 2 deleted, 0 unchanged")
build.lacks('java.lang.NullPointerException')
assert !new File(basedir, 'target/out/first.txt').exists()
assert !new File(basedir, 'target/out/first.txt.copy').exists()

// Nothing of the stage is left: no state, no lock file.
def stateDir = new File(basedir, "target/alchemy/state/${app}")
assert !new File(stateDir, 'dev').exists()
assert !new File(stateDir, '.dev.lock').exists()
return true
