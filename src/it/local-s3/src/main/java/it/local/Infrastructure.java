package it.local;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Object;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.S3Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class Infrastructure implements InfrastructureDefinition {
  @Override
  public void define(Scope scope) throws Exception {
    S3Bucket.Output site = S3Bucket.declare(scope, "site",
        S3Bucket.props("local-s3-site").versioning(true).build());
    S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
        .content("<h1>hello</h1>").build());
    if (scope.phase() != Phase.UP) {
      return;
    }
    // What a local app does with its bucket: read the page over plain HTTP (S3Mock takes
    // unsigned GETs), from the endpoint of the session's local S3.
    URI endpoint = scope.localServer(S3Endpoint.class).endpointOverride();
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint.resolve("/local-s3-site/index.html")).build(),
        HttpResponse.BodyHandlers.ofString());
    Path runs = Path.of("target", "out", "runs.txt");
    Files.createDirectories(runs.getParent());
    Files.writeString(runs, page.statusCode() + " " + page.body() + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
