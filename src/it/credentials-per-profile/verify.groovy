import io.alchemy.maven.it.BuildLog
import java.security.MessageDigest

def build = BuildLog.of(basedir)
def log = build.text()
def sha256 = { String text -> MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString() }

def dev = [id: 'AKIADEVEXAMPLE0002', secret: 'dev-secret-key-3e4f5a', region: 'eu-west-1']    // invoker.properties
def prod = [id: 'AKIAPRODEXAMPLE0001', secret: 'prod-secret-key-9d8c7b', region: 'us-east-1'] // settings-aws.xml

// Each stage's resource saw its own profile's account (shown by hashes only).
[dev: dev, prod: prod].each { stage, account ->
  assert new File(basedir, "target/out/${stage}.txt").text ==
      "region=${account.region}\naccessKeyIdSha256=${sha256(account.id)}\nsecretAccessKeySha256=${sha256(account.secret)}\n"
}

// The log says where each account came from, never what it is.
build.has("credentials: aws from <accessKeyId>/<secretAccessKey>, region eu-west-1 (<credentials> of profile 'dev')")
build.has("credentials: aws from settings.xml server 'aws-prod', region us-east-1 (<credentials> of profile 'prod')")
build.has('alchemy:up credentials-per-profile/dev: 1 created')
build.has('alchemy:up credentials-per-profile/prod: 1 created')

// No key appears in the log, nor in any file the plugin wrote (credentials are never stored).
[dev, prod].each { account ->
  build.lacks(account.secret)
  build.lacks(account.id)
  new File(basedir, 'target/alchemy').eachFileRecurse { file ->
    if (file.isFile()) {
      assert !file.text.contains(account.secret) : file
      assert !file.text.contains(account.id) : file
    }
  }
}
return true
