import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)

def app = 'plan-fail-on-changes/dev'
def log = build.text()

// 2. In sync: the plan shows no change, and the build passes.
build.has("Plan for ${app}: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged")
def second = log.indexOf("Plan for ${app}: 0 to create")
def third = log.indexOf('~   update    ' + app + '/config (fs::TextFile)')
assert second >= 0 && third > second
assert log.substring(second, third).contains('BUILD SUCCESS')

// 3. Drift: the plan is printed and written, then the build fails saying what to do.
build.has('      content: "replicas=2" -> "replicas=3"')
build.has("alchemy:plan of ${app} found changes, and failOnChanges is set (by -Dalchemy.failOnChanges on the command line): Plan for ${app}: 0 to create, 1 to update, 0 to replace, 0 to delete, 1 unchanged. The stage is not what its definition declares. Review the plan above, then deploy it with mvn alchemy:up -Dalchemy.plan=")
build.has('or change the definition back. Nothing was changed.')
assert log.substring(third).contains('BUILD FAILURE')
def plan = new JsonSlurper().parse(new File(basedir, 'target/alchemy/plan.json'))
assert plan.counts.update == 1 && plan.changes*.fqn == ["${app}/config".toString()]
// Nothing changed.
build.sameFiles('target/state-before-3', 'target/alchemy/state')
assert new File(basedir, 'target/out/config.txt').text == 'replicas=2'
return true
