import io.alchemy.maven.it.ItServers

// A bucket with one object, made outside Alchemy (plain HTTP to this build's S3Mock), for the
// definition to import by its name.
def servers = ItServers.await(basedir)
def put = { String path, String body ->
  def connection = servers.s3Endpoint().resolve(path).toURL().openConnection()
  connection.requestMethod = 'PUT'
  connection.setRequestProperty('Content-Type', 'application/octet-stream')
  connection.doOutput = true
  connection.outputStream.withStream { it.write(body.getBytes('UTF-8')) }
  assert connection.responseCode == 200 : "PUT ${path}: HTTP ${connection.responseCode}"
}
put('/it-import-legacy-uploads', '')
put('/it-import-legacy-uploads/kept.txt', 'made by hand')
context.userProperties.put('it.s3.endpoint', servers.s3Endpoint().toString())
return true
