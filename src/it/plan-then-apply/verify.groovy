import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def log = build.text()
def app = 'plan-then-apply/dev'
def out = new File(basedir, 'target/out/site')

// 1. Version 1 deployed.
build.has("alchemy:up ${app}: 5 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged")

// 2. The plan, in the order up would act, deletions last, each changed prop below its line.
def sha = { String text -> 'page ' + java.security.MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex() }
def v1Sha = sha('<h1>v1</h1>')
// The page's new hash is predicted from its content: index's new value is known before up.
def v2Sha = sha('<h1>v2</h1>')
def expected = [
    "~   update    ${app}/page (fs::TextFile)",
    '      content: "<h1>v1</h1>" -> "<h1>v2</h1>"',
    "~   update    ${app}/index (fs::TextFile)",
    "      content: \"${v1Sha}\" -> \"${v2Sha}\"",
    "-/+ replace   ${app}/moved (fs::TextFile): path forces a replacement",
    '      path: "target/out/site/old-place.txt" -> "target/out/site/new-place.txt"',
    "+   create    ${app}/news/latest (fs::TextFile)",
    "-   delete    ${app}/gone (fs::TextFile): no longer declared",
    "Plan for ${app}: 1 to create, 2 to update, 1 to replace, 1 to delete, 1 unchanged"]*.toString()
def planned = log.readLines().findAll { it.startsWith('[INFO] ') }*.substring(7)
def start = planned.indexOf(expected[0])
assert start >= 0 : 'no plan line: ' + expected[0]
assert planned.subList(start, start + expected.size()) == expected
build.has('phase PLAN version 2')
build.matches(/alchemy:plan plan-then-apply\/dev: planned in \d+ ms, nothing was changed; plan written to .*target.alchemy.plan\.json/)

// The plan changed nothing: state byte for byte, files as version 1 left them.
assert build.sameFiles('target/state-before-plan', 'target/state-after-plan')
    .contains('plan-then-apply/dev/state.json')

// The plan file, as documented.
def plan = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan.json'))
assert plan.formatVersion == 1 && plan.app == 'plan-then-apply' && plan.stage == 'dev'
assert plan.stateFingerprint ==~ /sha256:[0-9a-f]{64}/
assert plan.summary == expected.last()
assert plan.counts == [create: 1, update: 2, replace: 1, delete: 1, adopt: 0, import: 0, finish: 0, unchanged: 1]
assert plan.unchanged == 1
assert plan.changes.collect { "${it.action} ${it.fqn} ${it.type}".toString() } == [
    "update ${app}/page fs::TextFile", "update ${app}/index fs::TextFile",
    "replace ${app}/moved fs::TextFile", "create ${app}/news/latest fs::TextFile",
    "delete ${app}/gone fs::TextFile"]*.toString()
assert plan.changes[0].changes == [[path: 'content', before: '"<h1>v1</h1>"', after: '"<h1>v2</h1>"']]
assert plan.changes[1].changes[0].after == "\"${v2Sha}\"".toString()
assert plan.changes[2].reason == 'path forces a replacement'
assert plan.changes[4].reason == 'no longer declared'

// The events file of the plan: its summary, in phase PLAN.
def events = new File(basedir, 'target/ci/plan.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert events.last().event == 'summary' && events.last().phase == 'PLAN' && events.last().failed == false

// 3. up applied exactly that plan, printing each changed prop.
build.matches(/alchemy:up applies only the approved plan .*target.alchemy.plan\.json \(Plan for plan-then-apply\/dev: 1 to create, 2 to update, 1 to replace, 1 to delete, 1 unchanged\)/)
build.matches(/updated\s+plan-then-apply\/dev\/page \(fs::TextFile\).*\n.*      content: "<h1>v1<\/h1>" -> "<h1>v2<\/h1>"/)
// The old instance of the replaced file is deleted too, as the plan's replace line says.
build.has("alchemy:up ${app}: 1 created, 2 updated, 1 replaced, 2 deleted, 1 unchanged")
assert new File(out, 'page.html').text == '<h1>v2</h1>'
assert new File(out, 'news.txt').text == 'news'
assert new File(out, 'new-place.txt').text == 'moving'
assert !new File(out, 'old-place.txt').exists()
assert !new File(out, 'gone.txt').exists()
assert new File(out, 'index.txt').text == v2Sha

// 4. Afterwards nothing is left to change.
build.has("Plan for ${app}: 0 to create, 0 to update, 0 to replace, 0 to delete, 5 unchanged")
def again = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan-after.json'))
assert again.changes == [] && again.unchanged == 5
return true
