// Drives a real `mvn alchemy:dev` in the background: first deploy, edits and redeploys, a compile
// error it survives, then SIGTERM. Bounded: every wait polls the log every 50 ms, at most 60 s
// (120 s for Maven's start-up and the first build).

// mavenHome (the invoker's scriptVariables): the Maven that runs this IT, the build's own or the
// oldest one the plugin supports.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def repo = localRepositoryPath.absolutePath
def devLog = new File(basedir, 'dev.log')
def infra = new File(basedir, 'src/main/java/it/dev/Infra.java')
def page = new File(basedir, 'target/out/page.txt')
def cleanup = new File(basedir, 'target/out/cleanup.txt')
def pidFile = new File(basedir, 'target/out/server.pid')

// The invoker filled the IT repository through the repository 'local.central' of
// src/it/settings.xml; a plain offline mvn knows only 'central' and would refuse those files as
// "present, but unavailable". Without the tracking file, the files that are there are used.
def repoFlags = ['-B', '-o', "-Dmaven.repo.local=${repo}".toString(),
                 '-Daether.enhancedLocalRepository.trackingFilename=_alchemy-it-none']
def command = [mvn] + repoFlags + ["io.alchemy:alchemy-maven-plugin:${pluginVersion}:dev".toString()]
def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    .redirectOutput(devLog)
builder.environment().remove('MAVEN_OPTS')
def proc = builder.start()

def text = { devLog.exists() ? devLog.getText('UTF-8') : '' }
def count = { String s -> text().count(s) }
def waitFor = { String what, long seconds, Closure<Boolean> done ->
  long deadline = System.nanoTime() + seconds * 1_000_000_000L
  while (!done()) {
    if (!proc.alive) {
      assert false : "alchemy:dev ended while waiting for ${what}:\n${text()}"
    }
    if (System.nanoTime() > deadline) {
      assert false : "no ${what} within ${seconds} s:\n${text()}"
    }
    Thread.sleep(50)
  }
}

try {
  waitFor('first deploy', 120) { count('redeployed (first deploy)') == 1 && text().contains('alchemy:dev watching') }
  assert page.text == 'version 0'
  assert text().contains('alchemy:dev dev-watch-redeploys/dev (local, watch)')
  def serverPid = pidFile.text.trim() as long
  // The dev database runs on the session's embedded PostgreSQL, started once for the session.
  def dbUrl = new File(basedir, 'target/out/db.txt').text
  assert dbUrl ==~ /jdbc:postgresql:\/\/localhost:\d+\/dev_app/
  int dbPort = (dbUrl =~ /:(\d+)\//)[0][1] as int
  def listening = { int port ->
    try { new Socket('localhost', port).close(); true } catch (IOException e) { false }
  }
  assert listening(dbPort) : 'the embedded PostgreSQL serves the session'
  assert ProcessHandle.of(serverPid).map { it.alive }.orElse(false) : 'the spawned server runs'

  // Edits: each is redeployed, the page changes, the server is reused.
  def times = []
  def logged = []
  String source = infra.getText('UTF-8')
  for (int i = 1; i <= 5; i++) {
    int before = count('redeployed (')
    source = source.replaceFirst(/"version \d+"/, "\"version ${i}\"")
    long edited = System.nanoTime()
    infra.setText(source, 'UTF-8')
    waitFor("redeploy after edit ${i}", 60) { count('redeployed (') > before }
    times << (System.nanoTime() - edited) / 1_000_000
    assert page.text == "version ${i}"
    def line = text().readLines().findAll { it.contains('redeployed (') }.last()
    def m = line =~ /(\d+) ms from the edit to redeployed/
    assert m.find() : line
    logged << (m.group(1) as long)
    assert line.contains('1 updated') : line
  }
  assert (pidFile.text.trim() as long) == serverPid : 'an unchanged spawn is reused'
  assert count('Local embedded PostgreSQL on localhost:' + dbPort) == 1 : 'started once for all redeploys'
  assert new File(basedir, 'target/out/db.txt').text == dbUrl

  // A compile error is reported with file and line; the session survives, nothing changes.
  int failures = count('compilation failed')
  int deploys = count('redeployed (')
  infra.setText(source.replace('TextFile.declare(scope, "page"', 'TextFile.declare(scope "page"'),
      'UTF-8')
  waitFor('the compile error', 60) { count('compilation failed') > failures }
  assert (text() =~ /Infra\.java:\d+: /).find() : 'the error names file and line'
  Thread.sleep(300)
  assert proc.alive
  assert count('redeployed (') == deploys
  assert page.text == 'version 5'

  // A failing definition is reported; the session survives.
  int errors = count('alchemy:dev keeps watching')
  infra.setText(source.replace('TextFile.declare(scope, "page"',
      'if (true) throw new IllegalStateException("broken on purpose"); TextFile.declare(scope, "page"'),
      'UTF-8')
  waitFor('the failing definition', 60) { count('alchemy:dev keeps watching') > errors }
  assert text().contains('broken on purpose')
  assert page.text == 'version 5'
  assert ProcessHandle.of(serverPid).map { it.alive }.orElse(false) : 'the server survives a failed run'

  // Fixed: redeployed again.
  infra.setText(source.replaceFirst(/"version \d+"/, '"version fixed"'), 'UTF-8')
  waitFor('the redeploy after the fix', 60) { count('redeployed (') > deploys }
  assert page.text == 'version fixed'

  // SIGTERM ends the session cleanly.
  proc.destroy()
  assert proc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'alchemy:dev ended on SIGTERM'
  println "alchemy:dev exit code after SIGTERM: ${proc.exitValue()}"
  assert proc.exitValue() == 0 : "SIGTERM ends the session normally:\n${text()}"
  assert text().contains('alchemy:dev stopped; closing the session')
  assert text().contains('BUILD SUCCESS')
  long deadline = System.nanoTime() + 10_000_000_000L
  while (ProcessHandle.of(serverPid).map { it.alive }.orElse(false) && System.nanoTime() < deadline) {
    Thread.sleep(50)
  }
  assert !ProcessHandle.of(serverPid).map { it.alive }.orElse(false) : 'the spawned server is gone'
  assert text().contains("Local embedded PostgreSQL on localhost:${dbPort}") && text().contains(') stopped')
  assert !listening(dbPort) : 'the embedded PostgreSQL stopped with the session'
  assert !new File(basedir, 'target/alchemy/local/dev-watch-redeploys/dev/postgres/postmaster.pid').exists()
  assert text().contains('alchemy:dev session closed; the stage lock is released')
  assert cleanup.exists() && cleanup.text.contains('cleanup ran, local=true watch=true')

  // The lock is free: a plain local up of the same stage runs.
  def upLog = new File(basedir, 'up-after-dev.log')
  def up = new ProcessBuilder([mvn] + repoFlags + ['-Dalchemy.local',
      "io.alchemy:alchemy-maven-plugin:${pluginVersion}:up".toString()])
      .directory(basedir).redirectErrorStream(true).redirectOutput(upLog).start()
  assert up.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)
  assert up.exitValue() == 0 : upLog.text
  assert upLog.text.contains('alchemy:up dev-watch-redeploys/dev')

  def sorted = times.sort(false)
  def median = sorted[sorted.size().intdiv(2)]
  def loggedMedian = logged.sort(false)[logged.size().intdiv(2)]
  println "alchemy:dev edit-to-redeployed, measured by the test (file written -> log line seen, 50 ms polling): ${times} ms, median ${median} ms"
  println "alchemy:dev edit-to-redeployed, as logged by the goal (file mtime -> redeployed): ${logged} ms, median ${loggedMedian} ms"
  new File(basedir, 'timings.txt').text = "test: ${times} median ${median}\nlogged: ${logged} median ${loggedMedian}\n"
} finally {
  if (proc.alive) {
    proc.destroyForcibly()
  }
}
return true
