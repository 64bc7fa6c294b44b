// Local mode with alchemy-aws-local in the plugin's dependencies: three real Maven runs.
def log = new File(basedir, 'build.log').getText('UTF-8')

// Started in the build's JVM for each run, and stopped at its end.
assert log.count('Local S3 (S3Mock) on http://localhost:') == 6 : 'three runs, each started and stopped it'
assert (log =~ /Local S3 \(S3Mock\) on http:\/\/localhost:\d+ \(buckets in .*target\/alchemy\/local\/local-s3\/dev\/s3\/buckets\) started in \d+ ms/).find()

assert log.contains('created   local-s3/dev/site (aws::S3Bucket)')
assert log.contains('created   local-s3/dev/page (aws::S3Object)')
assert log.contains('0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged')
assert log.contains('deleted   local-s3/dev/site (aws::S3Bucket)')
assert new File(basedir, 'target/out/runs.txt').readLines() == ['200 <h1>hello</h1>', '200 <h1>hello</h1>']
def buckets = new File(basedir, 'target/alchemy/local/local-s3/dev/s3/buckets')
assert buckets.isDirectory()
assert !new File(buckets, 'local-s3-site').exists() : 'the local destroy removed the bucket'

// Local state only: the deployed stage was never touched, and the log says where it is.
assert !new File(basedir, 'target/alchemy/state/local-s3/dev').exists()
assert log.contains('target/alchemy/state/local-s3/dev@local (under target/')
// Spring's and Tomcat's start-up chatter stays out of the build log, and so do their shutdown
// hooks (which would fail once Maven closed the plugin's class loader).
assert !log.contains('Tomcat started on ports') && !log.contains('Starting ProtocolHandler')
assert !log.contains('Started MavenCli')
assert !log.contains('SpringApplicationShutdownHook')
// The AWS SDK in the project brings SLF4J 1 without a binding: it logs through Maven's SLF4J
// instead of printing "Failed to load class org.slf4j.impl.StaticLoggerBinder" on every run.
assert !log.contains('SLF4J:')
return true
