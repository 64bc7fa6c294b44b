import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()
def out = new File(basedir, 'target/out')

// The goal built the project (up to process-classes) before it ran the definition.
build.has('Compiling 1 source file')

// FQNs, the chain and physical names as the definition printed them.
build.has('fqn my-app/dev/api')
build.has('fqn my-app/dev/storage/images')
build.has('chain [my-app, dev, storage]')
build.has('physical name my-app-services-api-dev')
def shortName = (log =~ /short physical name (\S+)/)[0][1]
assert shortName.length() <= 20 && shortName.startsWith('my-app')

// One INFO line per resource with its FQN and duration, then the summary.
// A TextFile's line names its file (the physical name) before the time.
build.matches(/\[INFO\] created\s+my-app\/dev\/api \(fs::TextFile\) target\/out\/api.txt \d+ ms/)
build.matches(/\[INFO\] created\s+my-app\/dev\/database \(fs::TextFile\) target\/out\/database.txt \d+ ms/)
build.matches(/\[INFO\] created\s+my-app\/dev\/storage\/images \(fs::Folder\) \d+ ms/)
build.has('alchemy:up my-app/dev: 3 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged')
build.has('with it.seed.SeedHierarchy (registered in ')

// The resources, relative to the project folder.
assert new File(out, 'api.txt').text == 'api in dev'
assert new File(out, 'database.txt').text == 'database'
assert new File(out, 'images').isDirectory()

// The state, under target/alchemy/state/<app>/<stage>/.
def state = new JsonSlurper().parse(new File(basedir, 'target/alchemy/state/my-app/dev/state.json'))
assert state.app == 'my-app' && state.stage == 'dev'
assert state.resources*.fqn as Set == ['my-app/dev/api', 'my-app/dev/database', 'my-app/dev/storage/images'] as Set
assert state.resources.every { it.status == 'created' || it.status == 'CREATED' }
assert !new File(basedir, 'target/alchemy/state/my-app/dev/journal.jsonl').exists()
return true
