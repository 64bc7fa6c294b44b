import groovy.json.JsonSlurper
import io.alchemy.maven.it.BuildLog

def build = BuildLog.of(basedir)
def app = 'concurrent-deploy'
def regions = ['eu', 'us', 'ap', 'sa', 'af', 'me', 'ca', 'au', 'in', 'jp']
def parallelism = 10 // the default

build.has("alchemy:up ${app}/dev: 52 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged")
build.has("alchemy:destroy ${app}/dev: 0 created, 0 updated, 0 replaced, 52 deleted, 0 unchanged")

// Calls overlap when each started before the other ended; one that starts in the millisecond
// another ended does not overlap it. Times are the ones the provider recorded, never wall time.
def overlap = { a, b -> a.start < b.end && b.start < a.end }
def mostAtOnce = { List calls -> calls.collect { c -> calls.count { it.start <= c.start && c.start < it.end } }.max() }

// 1. up: the state it wrote, copied before destroy removed it.
def state = new JsonSlurper().parse(new File(basedir, "target/state-after-up/${app}/dev/state.json"))
def records = state.resources.collectEntries { [((it.scope ? it.scope + '/' : '') + it.id): it] }
assert records.size() == 52
assert state.resources.every { it.formatVersion == 2 }

// Predecessors: what came directly before each resource in the definition, however the calls
// were scheduled. The first of each child scope comes after the stage's root; each chain is in
// program order; what follows forEach comes after the last of every child scope.
assert records['root'].predecessors == []
regions.each { region ->
  assert records["${region}/r1".toString()].predecessors == ['root']
  (2..5).each { i ->
    assert records["${region}/r${i}".toString()].predecessors == ["${region}/r${i - 1}".toString()]
  }
}
assert records['summary'].predecessors as Set == regions.collect { "${it}/r5".toString() } as Set

def created = state.resources.collect { [fqn: it.fqn, start: it.output.startedMillis as long, end: it.output.endedMillis as long] }
assert created.every { it.start <= it.end }
assert [created, created].combinations().any { a, b -> a.fqn < b.fqn && overlap(a, b) } : 'no two creates overlapped'
def upAtOnce = mostAtOnce(created)
assert upAtOnce >= 2 && upAtOnce <= parallelism
// Each create also came after what it depends on (SlowMarker checks that too).
records.each { address, r ->
  r.predecessors.each { p -> assert records[p].output.endedMillis <= r.output.startedMillis : "${address} after ${p}" }
}

// 2. destroy: each resource deleted once, after everything that came after it, several at once.
def deletions = new File(basedir, 'target/delete.log').readLines().collect { line ->
  def parts = line.split(' ')
  assert parts.length == 4 && parts[0] == 'delete' : line
  [fqn: parts[1], start: parts[2] as long, end: parts[3] as long]
}
assert deletions*.fqn.sort() == state.resources*.fqn.sort()
def deleted = deletions.collectEntries { [(it.fqn): it] }
state.resources.each { r ->
  r.predecessors.each { p ->
    def before = deleted["${app}/dev/${p}".toString()]
    assert deleted[r.fqn].end <= before.start : "${p} was deleted before ${r.fqn} had gone"
  }
}
assert [deletions, deletions].combinations().any { a, b -> a.fqn < b.fqn && overlap(a, b) } : 'no two deletions overlapped'
def destroyAtOnce = mostAtOnce(deletions)
assert destroyAtOnce >= 2 && destroyAtOnce <= parallelism
println "concurrent-deploy: at most ${upAtOnce} creates and ${destroyAtOnce} deletions at once"

assert new File(basedir, 'target/markers').list() == [] as String[]
assert !new File(basedir, "target/alchemy/state/${app}/dev").exists()
return true
