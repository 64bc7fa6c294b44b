// A local server starts only for a run that needs it: five real Maven runs, one log.
def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/\[INFO\] BUILD SUCCESS/).findAll { it.contains('alchemy:') }
assert runs.size() == 5 : "five runs, each successful: ${runs.size()}"
def postgres = { String run -> run.count('Local embedded PostgreSQL on localhost:') }
def s3 = { String run -> run.count('Local S3 (S3Mock) on http://localhost:') }

// 1: both started (and stopped) for the creates.
assert postgres(runs[0]) == 2 && s3(runs[0]) == 2 : runs[0]
assert runs[0].contains('created   local-servers-start-on-need/dev/app-db (postgres::Database)')
assert runs[0].contains('created   local-servers-start-on-need/dev/page (aws::S3Object)')

// 2: nothing changed: no server started, everything found unchanged.
assert !runs[1].contains(' started in ') : runs[1]
assert !runs[1].contains('Local ') : runs[1]
assert runs[1].contains('0 created, 0 updated, 0 replaced, 0 deleted, 4 unchanged') : runs[1]

// 3: the object changed: S3Mock only.
assert postgres(runs[2]) == 0 && s3(runs[2]) == 2 : runs[2]
assert runs[2].contains('updated   local-servers-start-on-need/dev/page (aws::S3Object)')
assert runs[2].contains('0 created, 1 updated, 0 replaced, 0 deleted, 3 unchanged') : runs[2]

// 4: nothing changed again.
assert !runs[3].contains('Local ') : runs[3]
assert runs[3].contains('0 created, 0 updated, 0 replaced, 0 deleted, 4 unchanged') : runs[3]

// 5: the local destroy deletes on both servers.
assert postgres(runs[4]) == 2 && s3(runs[4]) == 2 : runs[4]
assert runs[4].contains('deleted   local-servers-start-on-need/dev/app-db (postgres::Database)')
assert runs[4].contains('deleted   local-servers-start-on-need/dev/site (aws::S3Bucket)')

// Runs 2 to 4 found the recorded URL unchanged (the file of run 1 was never rewritten); at the
// end no server is left running.
assert new File(basedir, 'target/out/urls.txt').exists() == false : 'destroy removed the file'
def data = new File(basedir, 'target/alchemy/local/local-servers-start-on-need/dev')
assert new File(data, 'postgres/PG_VERSION').exists()
assert !new File(data, 'postgres/postmaster.pid').exists() : 'the server was stopped'
assert !new File(data, 's3/buckets/local-start-site').exists() : 'the bucket was deleted'
return true
