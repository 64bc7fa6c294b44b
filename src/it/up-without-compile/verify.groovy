import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { it.contains('BUILD') }
assert runs.size() == 4 : "expected 4 Maven runs, found ${runs.size()}"

// No run forks a lifecycle: the build, when one is needed, runs inside the goal.
assert !log.contains('>>> alchemy')

// First run: no classes yet, so the goal builds the project up to process-classes, then deploys.
def first = runs[0]
assert first.contains('alchemy:up: target/classes is missing or empty; building up-without-compile up to process-classes first')
def compiled = first.indexOf('Compiling 2 source files')
def deployed = first.indexOf('alchemy:up up-without-compile/dev: 1 created')
assert compiled >= 0 && deployed > compiled
assert first.contains('--- maven-compiler-plugin:')

// Second run: the classes are up to date: no build, nothing to change.
def second = runs[1]
assert !second.contains('building up-without-compile') && !second.contains('maven-compiler-plugin')
assert second.contains('alchemy:up up-without-compile/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged')

// Third run: a resource changed, so the goal builds again and deploys the new text.
def third = runs[2]
assert third =~ /alchemy:up: src\/main\/resources\/greeting\.txt changed after the last build; building up-without-compile up to process-classes first/
assert third.contains('alchemy:up up-without-compile/dev: 0 created, 1 updated')
assert new File(basedir, 'target/out/greeting.txt').text == 'HELLO AGAIN!'

// Fourth run: up to date again.
def fourth = runs[3]
assert !fourth.contains('building up-without-compile')
assert fourth.contains('alchemy:up up-without-compile/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged')
return true
