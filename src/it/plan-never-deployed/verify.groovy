import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'plan-never-deployed/dev'

build.has('phase PLAN')
build.has("+   create    ${app}/site (fs::Folder)")
build.has("+   create    ${app}/page (fs::TextFile)")
build.has("+   create    ${app}/docs/readme (fs::TextFile)")
build.has("Plan for ${app}: 3 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged")
build.has('BUILD SUCCESS')

// Nothing made: no folder of the app or stage (so no state file, journal or lock file; the
// store may leave its own root folder, empty), no resource.
def alchemy = new File(basedir, 'target/alchemy')
def left = []
alchemy.eachFileRecurse { left << alchemy.toPath().relativize(it.toPath()).toString() }
assert (left - ['state']) == ['plan.json'] : left
assert !new File(alchemy, 'state/plan-never-deployed').exists()
assert !new File(basedir, 'target/out').exists()

def plan = new JsonSlurper().parse(new File(alchemy, 'plan.json'))
assert plan.counts.create == 3 && plan.unchanged == 0
assert plan.changes*.action == ['create', 'create', 'create']
// A create lists no changed props and needs no reason: both are left out of the file.
assert plan.changes.every { !it.containsKey('changes') && !it.containsKey('reason') }
def events = new File(basedir, 'target/ci/plan.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert events*.event == ['summary'] && events[0].phase == 'PLAN' && events[0].failed == false
return true
