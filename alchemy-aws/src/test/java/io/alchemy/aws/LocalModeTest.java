package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.S3Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local mode on the S3 of alchemy-aws-local (on this test class path as it is on the plugin's):
 * buckets and objects go to a local S3Mock whose data outlives the session, never to the store
 * the scope's credentials name (the test server).
 */
@ExtendWith(S3TestServer.class)
@Timeout(180)
class LocalModeTest {

  @TempDir Path dir;

  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final String bucket = AwsStage.unique("local");

  private InfrastructureDefinition definition(String content) {
    return scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket)
          .versioning(true).tags(Map.of("team", "web")).build());
      S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
          .content(content).build());
    };
  }

  private Alchemy.Builder alchemy(boolean local) {
    return new AwsStage(dir).builder().local(local).listener(new RunListener() {
      @Override
      public void info(String message) {
        infos.add(message);
      }
    });
  }

  /** Reads the page from the local S3 while a run holds its server. */
  private InfrastructureDefinition readingBack(String content, List<String> pages) {
    return scope -> {
      definition(content).define(scope);
      S3Endpoint endpoint = scope.localServer(S3Endpoint.class);
      try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
          .endpointOverride(endpoint.endpointOverride()).forcePathStyle(true)
          .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create("any", "any"))).build()) {
        pages.add(s3.getObjectAsBytes(g -> g.bucket(bucket).key("index.html")).asUtf8String());
      }
    };
  }

  private boolean deployedHasBucket() {
    return S3TestServer.raw().listBuckets().buckets().stream()
        .anyMatch(b -> b.name().equals(bucket));
  }

  @Test
  void localRunsUseALocalS3ThatKeepsItsDataAndNeverTouchTheDeployedStore() {
    List<String> pages = new ArrayList<>();
    RunResult first = alchemy(true).build().run(readingBack("v1", pages));
    assertThat(first.created()).isEqualTo(2);
    assertThat(pages).containsExactly("v1");
    assertThat(deployedHasBucket()).isFalse();
    assertThat(infos).anySatisfy(i -> assertThat(i).startsWith("Local S3 (S3Mock) on"
        + " http://localhost:").contains("started in"));
    assertThat(dir.resolve("target/alchemy/local/my-app/dev/s3/buckets").resolve(bucket))
        .isDirectory();

    RunResult second = alchemy(true).build().run(readingBack("v1", pages));
    assertThat(second.unchanged()).isEqualTo(2);
    RunResult changed = alchemy(true).build().run(readingBack("v2", pages));
    assertThat(changed.updated()).isEqualTo(1);
    assertThat(pages).containsExactly("v1", "v1", "v2");

    // The deployed stage of the same name is apart: its own bucket on the configured store.
    RunResult deployed = alchemy(false).build().run(definition("deployed"));
    assertThat(deployed.created()).isEqualTo(2);
    assertThat(deployedHasBucket()).isTrue();

    RunResult localDestroy = alchemy(true).phase(Phase.DESTROY).build().run(definition("v2"));
    assertThat(localDestroy.deleted()).isEqualTo(2);
    assertThat(deployedHasBucket()).isTrue();
    assertThat(dir.resolve("target/alchemy/local/my-app/dev/s3/buckets").resolve(bucket))
        .doesNotExist();
    alchemy(false).phase(Phase.DESTROY).build().run(definition("deployed"));
    assertThat(deployedHasBucket()).isFalse();
  }

  @Test
  void deletedLocalDataIsCreatedAgainByTheNextRun() throws Exception {
    alchemy(true).build().run(definition("v1"));
    Path data = dir.resolve("target/alchemy/local/my-app/dev/s3");
    try (var files = Files.walk(data)) {
      files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    RunResult next = alchemy(true).build().run(definition("v1"));
    assertThat(next.created()).isEqualTo(2);
  }

  @Test
  void aNoOpRunStartsNoServerAndAnObjectDeletedByHandIsMadeAgain() throws Exception {
    alchemy(true).build().run(definition("v1"));
    infos.clear();
    RunResult noOp = alchemy(true).build().run(definition("v1"));
    assertThat(noOp.unchanged()).isEqualTo(2);
    assertThat(infos).as("nothing to do: S3Mock not started")
        .noneMatch(i -> i.startsWith("Local "));

    // The object's folder in S3Mock's store, deleted while no run held it.
    Path site = dir.resolve("target/alchemy/local/my-app/dev/s3/buckets").resolve(bucket);
    try (var entries = Files.list(site)) {
      for (Path object : entries.filter(Files::isDirectory).toList()) {
        try (var files = Files.walk(object)) {
          files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    List<String> pages = new ArrayList<>();
    RunResult next = alchemy(true).build().run(readingBack("v1", pages));
    assertThat(next.created()).as("the object").isEqualTo(1);
    assertThat(next.unchanged()).as("the bucket").isEqualTo(1);
    assertThat(pages).containsExactly("v1");
  }
}
