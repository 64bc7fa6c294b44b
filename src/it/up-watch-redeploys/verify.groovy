// Drives a real `mvn alchemy:up -Dalchemy.watch` in the background: it deploys the stage itself
// (not <stage>@local), redeploys an edit, removes the classes of a deleted source, writes every
// run's events, then ends on SIGTERM with exit code 0 and the lock released. Bounded: every wait
// polls the log every 50 ms, at most 60 s (120 s for Maven's start-up and the first build).
import groovy.json.JsonSlurper

// mavenHome (the invoker's scriptVariables): the Maven that runs this IT, the build's own or the
// oldest one the plugin supports.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def repo = localRepositoryPath.absolutePath
def upLog = new File(basedir, 'up-watch.log')
def infra = new File(basedir, 'src/main/java/it/up/Infra.java')
def extra = new File(basedir, 'src/main/java/it/up/Extra.java')
def classes = new File(basedir, 'target/classes/it/up')
def page = new File(basedir, 'target/out/page.txt')
def cleanup = new File(basedir, 'target/out/cleanup.txt')
def stateDir = new File(basedir, 'target/alchemy/state/up-watch-redeploys')
def events = new File(basedir, 'target/events.jsonl')

// As in dev-watch-redeploys: an offline mvn that uses what the invoker put in the IT repository.
def repoFlags = ['-B', '-o', "-Dmaven.repo.local=${repo}".toString(),
                 '-Daether.enhancedLocalRepository.trackingFilename=_alchemy-it-none']
def command = [mvn] + repoFlags + ['-Dalchemy.watch', '-Dalchemy.eventsFile=target/events.jsonl',
    "io.alchemy:alchemy-maven-plugin:${pluginVersion}:up".toString()]
def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    .redirectOutput(upLog)
builder.environment().remove('MAVEN_OPTS')
def proc = builder.start()

def text = { upLog.exists() ? upLog.getText('UTF-8') : '' }
def count = { String s -> text().count(s) }
def waitFor = { String what, long seconds, Closure<Boolean> done ->
  long deadline = System.nanoTime() + seconds * 1_000_000_000L
  while (!done()) {
    if (!proc.alive) {
      assert false : "alchemy:up -Dalchemy.watch ended while waiting for ${what}:\n${text()}"
    }
    if (System.nanoTime() > deadline) {
      assert false : "no ${what} within ${seconds} s:\n${text()}"
    }
    Thread.sleep(50)
  }
}

try {
  waitFor('first deploy', 120) { count('redeployed (first deploy)') == 1 && text().contains('alchemy:up watching') }
  assert text().contains('alchemy:up up-watch-redeploys/dev (watch); state in ')
  assert page.text == 'version 0 local=false watch=true'
  // The deployed stage's state, not the local one.
  assert new File(stateDir, 'dev').isDirectory()
  assert !new File(stateDir, 'dev@local').exists()

  // An edit is compiled and redeployed.
  int before = count('redeployed (')
  long edited = System.nanoTime()
  infra.setText(infra.getText('UTF-8').replace('"version 0 local="', '"version 1 local="'), 'UTF-8')
  waitFor('the redeploy after the edit', 60) { count('redeployed (') > before }
  long measured = (System.nanoTime() - edited).intdiv(1_000_000)
  assert page.text == 'version 1 local=false watch=true'
  def line = text().readLines().findAll { it.contains('redeployed (') }.last()
  assert line.contains('1 updated') : line
  def m = line =~ /(\d+) ms from the edit to redeployed/
  assert m.find() : line
  println "alchemy:up -Dalchemy.watch edit-to-redeployed: measured ${measured} ms, logged ${m.group(1)} ms"

  // A deleted source loses its classes, nested ones included, and the stage is redeployed.
  assert new File(classes, 'Extra.class').exists() && new File(classes, 'Extra$Inner.class').exists()
  before = count('redeployed (')
  assert extra.delete()
  waitFor('the redeploy after the deletion', 60) { count('redeployed (') > before }
  assert text().contains('alchemy:up removed 2 class files of deleted src/main/java/it/up/Extra.java')
  assert !new File(classes, 'Extra.class').exists()
  assert !new File(classes, 'Extra$Inner.class').exists()
  assert new File(classes, 'Infra.class').exists()
  assert page.text == 'version 1 local=false watch=true'

  // SIGTERM ends the session cleanly.
  proc.destroy()
  assert proc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'alchemy:up ended on SIGTERM'
  assert proc.exitValue() == 0 : "SIGTERM ends the session normally:\n${text()}"
  assert text().contains('alchemy:up stopped; closing the session')
  assert text().contains('alchemy:up session closed; the stage lock is released')
  assert text().contains('BUILD SUCCESS')
  // Each run's handler runs once when the session ends: three runs, three lines.
  assert cleanup.readLines() == ['cleanup ran, local=false watch=true'] * 3

  // The state of the deployed stage holds the last deployment.
  def state = new JsonSlurper().parse(new File(stateDir, 'dev/state.json'))
  def record = state.resources.find { it.fqn == 'up-watch-redeploys/dev/page' }
  assert record != null : state
  assert record.props.content == 'version 1 local=false watch=true'
  assert !new File(stateDir, 'dev@local').exists()

  // Every run's events, then one summary line.
  def lines = events.readLines().collect { new JsonSlurper().parseText(it) }
  assert lines.count { it.event == 'summary' } == 1 && lines.last().event == 'summary'
  assert lines.findAll { it.fqn == 'up-watch-redeploys/dev/page' }.size() >= 3

  // The lock is free: a plain up of the same stage runs (without watch, so the page changes).
  def afterLog = new File(basedir, 'up-after-watch.log')
  def after = new ProcessBuilder([mvn] + repoFlags + [
      "io.alchemy:alchemy-maven-plugin:${pluginVersion}:up".toString()])
      .directory(basedir).redirectErrorStream(true).redirectOutput(afterLog).start()
  assert after.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)
  assert after.exitValue() == 0 : afterLog.text
  assert afterLog.text.contains('alchemy:up up-watch-redeploys/dev: 0 created, 1 updated, 0 replaced, 0 deleted, 0 unchanged')
  assert page.text == 'version 1 local=false watch=false'
} finally {
  if (proc.alive) {
    proc.destroyForcibly()
  }
}
return true
