import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def log = BuildLog.of(basedir).text()
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { it.contains('BUILD') }
assert runs.size() == 4 : "expected 4 Maven runs, found ${runs.size()}"
def stage = 'import-existing-bucket/dev'

// 1: the plan shows both imports and what they change; changes nothing.
def plan = runs[0]
assert plan.contains("[INFO] <=  import    ${stage}/uploads (aws::S3Bucket): 'it-import-legacy-uploads'")
assert plan.contains("[INFO] <=  import    ${stage}/kept (aws::S3Object): 'it-import-legacy-uploads/kept.txt'")
assert plan.contains('[INFO]       contentType: "application/octet-stream" -> "text/plain"')
assert plan.contains("Plan for ${stage}: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 to import, 0 unchanged")

// 2: nothing has that name: the import fails naming it, and nothing is recorded or made.
def missing = runs[1]
assert missing.contains('BUILD FAILURE')
assert missing.contains("asks to import 'it-import-no-such-bucket', but no aws::S3Bucket with that id exists")
assert missing.contains('Nothing was changed')

// 3: imported, not created; the object gets the declared content type.
def up = runs[2]
assert up =~ /\[INFO\] imported  import-existing-bucket\/dev\/uploads \(aws::S3Bucket\) it-import-legacy-uploads \d+ ms/
assert up =~ /\[INFO\] imported  import-existing-bucket\/dev\/kept \(aws::S3Object\) it-import-legacy-uploads\/kept.txt \d+ ms/
assert up.contains('[INFO]       contentType: "application/octet-stream" -> "text/plain"')
assert up.contains("alchemy:up ${stage}: 0 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged, 2 imported")

// 4: the options removed, both are the stage's: a refreshed plan has nothing to do.
assert runs[3].contains("Plan for ${stage}: 0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged; no drift")
assert runs[3].contains('BUILD SUCCESS')

// Taken over, not made again: the object kept its content; the state records both.
def s3 = ItServers.await(basedir).s3Endpoint()
def object = s3.resolve('/it-import-legacy-uploads/kept.txt').toURL().openConnection()
assert object.inputStream.text == 'made by hand'
assert object.contentType == 'text/plain'
def state = new File(basedir, "target/alchemy/state/${stage}/state.json").text
assert state.contains('"it-import-legacy-uploads"') && !state.contains('it-import-no-such-bucket')
return true
