import io.alchemy.maven.it.BuildLog

def log = BuildLog.of(basedir).text()
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { it.contains('BUILD') }
assert runs.size() == 7 : "expected 7 Maven runs, found ${runs.size()}"
def stage = 'refresh-repairs-drift/dev'
def config = new File(basedir, 'target/out/config.txt')
def notes = new File(basedir, 'target/out/notes.txt')

assert runs[0].contains("alchemy:up ${stage}: 2 created")

// Without refresh nothing is read: the edits by hand go unseen.
assert runs[1].contains("alchemy:up ${stage}: 0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged")
assert !runs[1].contains('! ')

// The refreshed plan shows the drift first, then its repair, and changes nothing.
def plan = runs[2]
assert plan.contains("[INFO] !   drifted   ${stage}/config (fs::TextFile): live -> recorded")
assert plan.contains('[INFO]       content: "edited by hand" -> "config v1"')
assert plan.contains("[INFO] !   deleted   ${stage}/notes (fs::TextFile): deleted outside Alchemy")
assert plan.contains("[INFO] ~   update    ${stage}/config (fs::TextFile): drifted outside Alchemy")
assert plan.contains("[INFO] +   create    ${stage}/notes (fs::TextFile): deleted outside Alchemy")
assert plan.contains("Plan for ${stage}: 1 to create, 1 to update, 0 to replace, 0 to delete, 0 unchanged; drift: 1 drifted, 1 deleted outside Alchemy")
assert plan.contains('BUILD SUCCESS')

// alchemy:drift fails, naming both and how to repair them.
def drift = runs[3]
assert drift.contains('BUILD FAILURE')
assert drift.contains("alchemy:drift of ${stage} found 1 resource(s) changed and 1 deleted outside Alchemy: ")
assert drift.contains("${stage}/config") && drift.contains("${stage}/notes")
assert drift.contains('Repair them with mvn alchemy:up -Dalchemy.refresh')

// up -Dalchemy.refresh repairs both and says what it found: plan and drift had left them as
// they were.
def repair = runs[4]
assert repair.contains("[INFO] !   drifted   ${stage}/config (fs::TextFile): live -> recorded")
assert repair.contains("alchemy:up ${stage}: 1 created, 1 updated, 0 replaced, 0 deleted, 0 unchanged; 2 drifted")
assert config.text == 'config v1'
assert notes.text == 'notes v1'
def events = new File(basedir, 'target/events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events.findAll { it.event == 'drift' }.collect { it.kind }.sort() == ['deleted', 'drifted']
assert events.find { it.event == 'summary' }.drifted == 2

// Nothing left: drift passes, and a refreshed plan is empty.
assert runs[5].contains("alchemy:drift ${stage}: no drift")
assert runs[5].contains('BUILD SUCCESS')
assert runs[6].contains("Plan for ${stage}: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged; no drift")
assert runs[6].contains('BUILD SUCCESS')
return true
