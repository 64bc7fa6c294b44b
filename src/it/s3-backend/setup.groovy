import io.alchemy.maven.it.ItServers

// This build's S3Mock (started by the plugin's POM), as -Dalchemy.s3.endpointOverride.
def servers = ItServers.await(basedir)
context.userProperties.put('alchemy.s3.endpointOverride', servers.s3Endpoint().toString())
return true
