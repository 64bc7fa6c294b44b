import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'sequential-with-parallelism-one'
def regions = ['eu', 'us', 'ap', 'sa', 'af', 'me', 'ca', 'au', 'in', 'jp']

build.has("alchemy:up ${app}/dev: 52 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged")
build.has("alchemy:destroy ${app}/dev: 0 created, 0 updated, 0 replaced, 52 deleted, 0 unchanged")

// The order the definition is written in: forEach's items one after another.
def written = ['root'] + regions.collectMany { region -> (1..5).collect { "${region}/r${it}".toString() } } + ['summary']

// Calls overlap when each started before the other ended (times recorded by the provider).
def neverOverlap = { List calls ->
  def byStart = calls.sort(false) { it.start }
  (1..<byStart.size()).every { byStart[it - 1].end <= byStart[it].start }
}

// 1. up: one create at a time, in the order written.
def state = new JsonSlurper().parse(new File(basedir, "target/state-after-up/${app}/dev/state.json"))
def address = { r -> (r.scope ? r.scope + '/' : '') + r.id }
def created = state.resources.collect { [address: address(it), start: it.output.startedMillis as long, end: it.output.endedMillis as long] }
assert created.size() == 52
assert neverOverlap(created) : 'two creates overlapped at parallelism 1'
assert created.sort(false) { it.start }*.address == written
assert state.resources.sort(false) { it.seq }.collect(address) == written

// The recorded order is the program's, not the schedule's: the same as at parallelism 10.
def records = state.resources.collectEntries { [(address(it)): it] }
assert records['root'].predecessors == []
regions.each { region ->
  assert records["${region}/r1".toString()].predecessors == ['root']
  (2..5).each { i ->
    assert records["${region}/r${i}".toString()].predecessors == ["${region}/r${i - 1}".toString()]
  }
}
assert records['summary'].predecessors as Set == regions.collect { "${it}/r5".toString() } as Set

// 2. destroy: one deletion at a time, in the exact reverse of the creates.
def deletions = new File(basedir, 'target/delete.log').readLines().collect { line ->
  def parts = line.split(' ')
  assert parts.length == 4 && parts[0] == 'delete' : line
  [fqn: parts[1], start: parts[2] as long, end: parts[3] as long]
}
assert neverOverlap(deletions) : 'two deletions overlapped at parallelism 1'
assert deletions*.fqn == written.reverse().collect { "${app}/dev/${it}".toString() }

assert new File(basedir, 'target/markers').list() == [] as String[]
assert !new File(basedir, "target/alchemy/state/${app}/dev").exists()
return true
