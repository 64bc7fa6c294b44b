import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
// Failures name the missing text instead of printing the whole log.
def logHas = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def logLacks = { String text -> assert !log.contains(text) : "build.log has: ${text}" }
def sha256 = { String text -> MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString() }

def dev = [id: 'AKIADEVEXAMPLE0002', secret: 'dev-secret-key-3e4f5a', region: 'eu-west-1']    // invoker.properties
def prod = [id: 'AKIAPRODEXAMPLE0001', secret: 'prod-secret-key-9d8c7b', region: 'us-east-1'] // settings-aws.xml

// Each stage's resource saw its own profile's account (shown by hashes only).
[dev: dev, prod: prod].each { stage, account ->
  assert new File(basedir, "target/out/${stage}.txt").text ==
      "region=${account.region}\naccessKeyIdSha256=${sha256(account.id)}\nsecretAccessKeySha256=${sha256(account.secret)}\n"
}

// The log says where each account came from, never what it is.
logHas("credentials: aws from <accessKeyId>/<secretAccessKey>, region eu-west-1 (<credentials> of profile 'dev')")
logHas("credentials: aws from settings.xml server 'aws-prod', region us-east-1 (<credentials> of profile 'prod')")
logHas('alchemy:up credentials-per-profile/dev: 1 created')
logHas('alchemy:up credentials-per-profile/prod: 1 created')

// No key appears in the log, nor in any file the plugin wrote (credentials are never stored).
[dev, prod].each { account ->
  logLacks(account.secret)
  logLacks(account.id)
  new File(basedir, 'target/alchemy').eachFileRecurse { file ->
    if (file.isFile()) {
      assert !file.text.contains(account.secret) : file
      assert !file.text.contains(account.id) : file
    }
  }
}
return true
