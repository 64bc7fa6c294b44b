import io.alchemy.maven.it.BuildLog
import io.alchemy.maven.it.ItServers

def build = BuildLog.of(basedir)
def log = build.text()

def servers = ItServers.await(basedir)
def app = 'providers-on-real-servers'

// 1: all five created; 2: nothing to do; 3: all five deleted.
build.has("alchemy:up ${app}/dev: 5 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged")
build.has("alchemy:up ${app}/dev: 0 created, 0 updated, 0 replaced, 0 deleted, 5 unchanged")
build.has("alchemy:destroy ${app}/dev: 0 created, 0 updated, 0 replaced, 5 deleted, 0 unchanged")
['app-role', 'app-db', 'reporting', 'storage/uploads', 'storage/readme'].each { id ->
  assert (log =~ "created\\s+${app}/dev/${id} ").find() : "build.log lacks the creation of ${id}"
  assert (log =~ "deleted\\s+${app}/dev/${id} ").find() : "build.log lacks the deletion of ${id}"
}

// The servers, not only the state: nothing is left.
assert servers.count('SELECT count(*) FROM pg_roles WHERE rolname = ?', 'it_providers_app') == 0
assert servers.count('SELECT count(*) FROM pg_database WHERE datname = ?', 'it_providers_db') == 0
// The schema went with its database; and none of that name was made in database postgres.
assert servers.count('SELECT count(*) FROM pg_namespace WHERE nspname = ?', 'reporting') == 0
def bucket = servers.s3Endpoint().resolve('/it-providers-uploads').toURL().openConnection()
bucket.requestMethod = 'HEAD'
assert bucket.responseCode == 404 : "bucket it-providers-uploads: HTTP ${bucket.responseCode}"

// The state is gone; as deployed (copied after 2), it held the five resources.
assert !new File(basedir, "target/alchemy/state/${app}/dev").exists()
def deployed = new File(basedir, "target/state-deployed/${app}/dev/state.json")
assert deployed.exists()
['postgres::Role', 'postgres::Database', 'postgres::Schema', 'aws::S3Bucket', 'aws::S3Object'].each {
  assert deployed.text.contains(it) : "the deployed state lacks a ${it}"
}

// The role's password, the admin's and the AWS secret are nowhere in the log or under target/.
def secrets = ['role-pw-4e81c09b', 'providers-admin-pw-d83f', 'providers-it-aws-secret-6b2d']
secrets.each { build.lacks(it) }
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { file ->
  if (!file.name.endsWith('.class')) {
    secrets.each { assert !file.text.contains(it) : "${file} holds a secret" }
  }
}
// The AWS SDK's SLF4J 1 without a binding logs through Maven's: no "SLF4J:" lines.
build.lacks('SLF4J:')
return true
