import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'replace-on-request/dev'
def log = build.text()

// 2. The plan shows the replacement asked for, though nothing changed.
build.has("-/+ replace   ${app}/page (fs::TextFile): replacement requested")
build.has("Plan for ${app}: 0 to create, 0 to update, 1 to replace, 0 to delete, 1 unchanged")
// 3. up does it (the same path: the old file goes first), once.
build.matches(/replaced\s+replace-on-request\/dev\/page \(fs::TextFile\)/)
build.has("alchemy:up ${app}: 0 created, 0 updated, 1 replaced, 1 deleted, 1 unchanged")
// 4. Not again.
build.has("alchemy:up ${app}: 0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged")
// 5. The POM's list, both resources.
build.has("-/+ replace   ${app}/site/index (fs::TextFile): replacement requested")
build.has("Plan for ${app}: 0 to create, 0 to update, 2 to replace, 0 to delete, 0 unchanged")
def plan = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan.json'))
assert plan.changes.collect { "${it.action} ${it.fqn} ${it.reason}".toString() } == [
    "replace ${app}/page replacement requested", "replace ${app}/site/index replacement requested"]*.toString()
// 6. The approved plan's replacements were asked for again, and done.
build.matches(/alchemy:up applies only the approved plan .*plan\.json \(Plan for replace-on-request\/dev: 0 to create, 0 to update, 2 to replace/)
build.has("alchemy:up ${app}: 0 created, 0 updated, 2 replaced, 2 deleted, 0 unchanged")
assert new File(basedir, 'target/out/page.txt').text == 'same'
assert new File(basedir, 'target/out/site/index.txt').text == 'same'
def state = build.state('replace-on-request', 'dev')
assert state.resources*.fqn.sort() == ["${app}/page", "${app}/site/index"]*.toString()
assert state.resources.every { it.status == 'created' || it.status == 'CREATED' }
return true
