import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def app = 'plan-stale-is-refused/dev'
def plan = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan.json'))

// 4. The state changed since the plan: refused before the first change, naming both fingerprints.
build.matches(/alchemy:up of plan-stale-is-refused\/dev refused the approved plan .*target.alchemy.plan\.json \(from -Dalchemy\.plan on the command line\)\. The approved plan is not what up would do now, so nothing was changed:/)
build.has("  - the state changed since the plan was made (the plan saw ${plan.stateFingerprint}, it is now sha256:")
build.has('Make a new plan, review it, and apply that one. With Maven: mvn alchemy:plan -Dalchemy.planFile=')
build.has('BUILD FAILURE')
// Nothing changed: state byte for byte, and the page still says what the other run deployed.
build.sameFiles('target/state-before-4', 'target/alchemy/state')
build.sameFiles('target/out-before-4', 'target/out')

// 6. Same state, another definition: each difference listed, nothing changed.
build.has('  - approved but no longer planned: ~ update ' + app + '/page (fs::TextFile); content: "v3" -> "v2"')
build.has('  - planned now but not approved: ~ update ' + app + '/page (fs::TextFile); content: "v3" -> "v4"')
build.sameFiles('target/state-before-6', 'target/alchemy/state')
assert new File(basedir, 'target/out/page.txt').text == 'v3'
assert new File(basedir, 'target/out/about.txt').text == 'about'
def events = new File(basedir, 'target/ci/refused.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert events*.event == ['summary'] && events[0].failed == true && events[0].phase == 'UP'
assert events[0].updated == 0 && events[0].created == 0
return true
