import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
// Every line must be one whole JSON object.
def eventsOf = { String name ->
  def file = new File(basedir, "target/ci/events/${name}")
  assert file.isFile() : file
  file.readLines().collect { line ->
    assert line.startsWith('{') && line.endsWith('}') : line
    new JsonSlurper().parseText(line)
  }
}

// 1. A run that succeeded: one line per resource, then the summary.
def up = eventsOf('up.jsonl')
assert up*.event == ['resource', 'resource', 'summary']
assert up.findAll { it.event == 'resource' }.collect { "${it.fqn} ${it.type} ${it.action}" } as Set ==
    ['events-file/dev/site fs::Folder created', 'events-file/dev/pages/index fs::TextFile created'] as Set
up.each { assert it.time ==~ /\d{4}-\d\d-\d\dT.*Z/ }
def summary = up.last()
assert summary.app == 'events-file' && summary.stage == 'dev' && summary.phase == 'UP'
assert summary.failed == false
assert summary.created == 2 && summary.deleted == 0 && summary.unchanged == 0
assert summary.millis instanceof Number
build.has('alchemy:up events-file/dev: 2 created')

// 2. A run that failed still ends its file with a summary, marked failed.
def failed = eventsOf('failed.jsonl')
assert failed*.event == ['resource', 'resource', 'warning', 'summary']
assert failed.findAll { it.event == 'resource' }*.action == ['unchanged', 'unchanged']
assert failed[2].message.startsWith('The definition failed, so nothing is deleted in this run')
assert failed.last().failed == true
assert failed.last().unchanged == 2
build.has('Scope events-file/dev failed: simulated failure')
return true
