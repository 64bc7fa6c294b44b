package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destroy works from state: it never needs the definition to run to its end. */
class DestroyFromStateTest {

  private static final String ACCESS_KEY_ID = "AKIAEXAMPLEKEYID0001";
  private static final String SECRET_KEY = "aws-secret-key-never-in-state-77";

  @TempDir Path dir;

  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());

  private Alchemy.Builder builder(Phase phase) {
    return new Stages(dir).builder().phase(phase).password(Secret.of("app-pw"))
        .listener(new RunListener() {
          @Override
          public void warning(String message) {
            heard.add("WARNING " + message);
          }

          @Override
          public void info(String message) {
            heard.add("INFO " + message);
          }
        });
  }

  @Test
  void destroyingANeverDeployedStageRunsNoDefinitionAndLeavesNothing() {
    RunResult result = builder(Phase.DESTROY).build().run(stage -> {
      throw new AssertionError("the definition must not run");
    });

    assertThat(result.resources()).isEmpty();
    assertThat(heard).anyMatch(l -> l.startsWith("INFO Stage my-app/dev has nothing deployed")
        && l.contains("the definition was not run"));
    // No lock file, no app folder: nothing at all.
    assertThat(new Stages(dir).stateDir().resolve("my-app")).doesNotExist();
  }

  @Test
  void aFileWhoseFolderBecameAFileIsGoneForDestroy() throws Exception {
    Stages stages = new Stages(dir);
    InfrastructureDefinition one = stage ->
        TextFile.declare(stage, "a", TextFile.props("out/a.txt", "a"));
    builder(Phase.UP).build().run(one);
    Files.delete(stages.file("out/a.txt"));
    Files.delete(stages.file("out"));
    Files.writeString(stages.file("out"), "now a file");

    assertThat(builder(Phase.DESTROY).build().run(one).deleted()).isEqualTo(1);
    assertThat(stages.file("out")).hasContent("now a file");
  }

  @Test
  void aDestroyedLocalStageLeavesNoLockFile() {
    InfrastructureDefinition one = stage ->
        TextFile.declare(stage, "a", TextFile.props("out/a.txt", "a"));
    builder(Phase.UP).local(true).build().run(one);
    builder(Phase.DESTROY).local(true).build().run(one);
    assertThat(new Stages(dir).stateDir().resolve("my-app")).doesNotExist();
  }

  @Test
  void destroyDeletesEverythingRecordedWhenTheDefinitionFailsOnAMissingOutput() {
    Stages stages = new Stages(dir);
    builder(Phase.UP).build().run(stage -> {
      TextFile.declare(stage, "a", TextFile.props("out/a.txt", "a"));
      stage.run("child", c -> TextFile.declare(c, "b", TextFile.props("out/b.txt", "b")));
    });

    // A definition whose destroy phase dereferences the output of something never deployed.
    RunResult result = builder(Phase.DESTROY).build().run(stage -> {
      TextFile.Output never = TextFile.declare(stage, "never", TextFile.props("out/n.txt", "n"));
      TextFile.declare(stage, "a", TextFile.props(never.path(), "a"));
    });

    assertThat(result.deleted()).isEqualTo(2);
    assertThat(stages.file("out/a.txt")).doesNotExist();
    assertThat(stages.file("out/b.txt")).doesNotExist();
    assertThat(heard).anyMatch(l -> l.startsWith("WARNING The definition failed in the destroy"
        + " phase (my-app/dev: ") && l.contains("because \"never\" is null")
        && l.contains("check scope.phase() before using its output")
        && l.contains("deleted all the same"));
    assertThat(stages.stateDir().resolve("my-app")).doesNotExist();
  }

  @Test
  void destroyAfterAHalfFailedFirstUpDeletesWhatWasMade() {
    Stages stages = new Stages(dir);
    InfrastructureDefinition halfFailing = stage -> {
      TextFile.declare(stage, "a", TextFile.props("out/a.txt", "a"));
      throw new IllegalStateException("the second resource cannot be declared");
    };
    assertThatThrownBy(() -> builder(Phase.UP).build().run(halfFailing))
        .isInstanceOf(DeploymentFailedException.class);

    builder(Phase.DESTROY).build().run(halfFailing);

    assertThat(stages.file("out/a.txt")).doesNotExist();
    assertThat(stages.stateDir().resolve("my-app")).doesNotExist();
  }

  @Test
  void aFailedDeletionStillFailsDestroyAndKeepsItsRecord() throws Exception {
    CountingProvider refusing = new CountingProvider() {
      @Override
      public void delete(ResourceContext context, Props props, Output output) {
        throw new IllegalStateException("bucket " + props.name() + " is not empty");
      }
    };
    builder(Phase.UP).build().run(stage ->
        stage.resource("x", refusing, new CountingProvider.Props("x", "v")));

    assertThatThrownBy(() -> builder(Phase.DESTROY).build().run(stage -> {
      stage.resource("x", refusing, new CountingProvider.Props("x", "v"));
      throw new IllegalStateException("definition broken");
    })).isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("is not empty")
        .hasMessageContaining("What was not deleted stays in state");
    assertThat(new Stages(dir).snapshotOfState()).contains("\"x\"");
  }

  /** Records the region and endpoint each call sees. */
  private static final class RegionalThings extends CountingProvider {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    RegionalThings() {
      super("test::Regional");
    }

    private String where(ResourceContext context) {
      ProviderCredentials credentials = context.scope().providerCredentials();
      return credentials.get(AwsCredentials.class).map(AwsCredentials::region).orElse("-")
          + " " + credentials.get(S3Endpoint.class).map(e -> e.endpointOverride().toString())
              .orElse("aws")
          + " " + credentials.get(AwsCredentials.class).map(AwsCredentials::accessKeyId)
              .orElse("default-chain");
    }

    @Override
    public Output create(ResourceContext context, Props props) {
      seen.add("create " + props.name() + " " + where(context));
      return super.create(context, props);
    }

    @Override
    public void delete(ResourceContext context, Props props, Output output) {
      seen.add("delete " + props.name() + " " + where(context));
      super.delete(context, props, output);
    }
  }

  private InfrastructureDefinition euServices(RegionalThings things, boolean enterEu) {
    return stage -> {
      stage.resource("us-data", things, new CountingProvider.Props("us-data", "v"));
      if (enterEu) {
        AwsCredentials aws = stage.providerCredentials().require(AwsCredentials.class);
        stage.run("eu-services", ScopeOptions.defaults().credential(aws.withRegion("eu-west-1"))
            .credential(S3Endpoint.of("http://eu.example.test:9000")), eu ->
            eu.resource("eu-data", things, new CountingProvider.Props("eu-data", "v")));
      }
    };
  }

  private Alchemy.Builder withAws(Phase phase) {
    return builder(phase).credentials(ProviderCredentials.of(
        new AwsCredentials(ACCESS_KEY_ID, Secret.of(SECRET_KEY), "us-east-1")));
  }

  @Test
  void anOrphanOfAScopeNoLongerEnteredIsDeletedWhereItWasMade() throws Exception {
    RegionalThings things = new RegionalThings();
    withAws(Phase.UP).build().run(euServices(things, true));
    assertThat(things.seen).contains(
        "create eu-data eu-west-1 http://eu.example.test:9000 " + ACCESS_KEY_ID);

    withAws(Phase.UP).build().run(euServices(things, false));

    // The region and endpoint from state, the keys from the run.
    assertThat(things.seen).contains(
        "delete eu-data eu-west-1 http://eu.example.test:9000 " + ACCESS_KEY_ID);
    assertThat(things.things).containsOnlyKeys("us-data");
  }

  @Test
  void destroyWhoseDefinitionFailsDeletesEachResourceWhereItWasMade() throws Exception {
    RegionalThings things = new RegionalThings();
    withAws(Phase.UP).build().run(euServices(things, true));
    String state = new Stages(dir).snapshotOfState();
    assertThat(state).contains("eu-west-1").doesNotContain(SECRET_KEY)
        .doesNotContain(ACCESS_KEY_ID);

    // It gets as far as declaring one resource (which registers the provider), then fails.
    withAws(Phase.DESTROY).build().run(stage -> {
      stage.resource("us-data", things, new CountingProvider.Props("us-data", "v"));
      throw new IllegalStateException("cannot run to its end");
    });

    assertThat(things.seen).contains(
        "delete eu-data eu-west-1 http://eu.example.test:9000 " + ACCESS_KEY_ID,
        "delete us-data us-east-1 aws " + ACCESS_KEY_ID);
    assertThat(things.things).isEmpty();
  }

  @Test
  void aScopeWithRecordedAwsSettingsButNoneNowFallsBackToTheDefaultChainInItsRegion() {
    RegionalThings things = new RegionalThings();
    withAws(Phase.UP).build().run(euServices(things, true));

    // This run configures no AWS credentials at all.
    builder(Phase.DESTROY).build().run(stage ->
        stage.resource("us-data", things, new CountingProvider.Props("us-data", "v")));

    assertThat(things.seen).contains(
        "delete eu-data eu-west-1 http://eu.example.test:9000 default-chain");
  }

  @Test
  void recordedStateHoldsNoCredentialSettingsWhenNoneAreConfigured() throws Exception {
    builder(Phase.UP).build().run(stage ->
        TextFile.declare(stage, "a", TextFile.props("out/a.txt", "a")));
    assertThat(Files.readString(new Stages(dir).stageDir("dev").resolve("state.json")))
        .doesNotContain("\"settings\"");
  }

  /**
   * A stage's whole state.json as format 1 wrote it: no record has predecessors, so they form one
   * chain in the order of {@code seq}, and destroy deletes it newest first, one at a time, even at
   * parallelism 10 and with scopes that interleave. The provider fails a deletion while a newer
   * resource still exists, and its deletions are slow enough to overlap if they could.
   */
  @Test
  void aStateWrittenByFormatOneIsDestroyedInReverseSeqOrder() throws Exception {
    Stages stages = new Stages(dir);
    int count = 12;
    StringBuilder records = new StringBuilder();
    for (int seq = 1; seq <= count; seq++) {
      // Scope s1, s2, s0, s1, ...: neither scope nor declaration order is the seq order.
      String scope = "s" + (seq % 3);
      records.append(seq == 1 ? "" : ",\n").append(String.format("    {\"formatVersion\": 1,"
          + " \"scope\": \"%s\", \"id\": \"r%d\", \"fqn\": \"my-app/dev/%s/r%d\", \"type\":"
          + " \"test::Ordered\", \"seq\": %d, \"status\": \"CREATED\", \"props\": {\"name\":"
          + " \"r%d\", \"value\": \"v\", \"failOnCreate\": false}, \"output\": {\"name\":"
          + " \"r%d\", \"value\": \"v\", \"version\": 1}}", scope, seq, scope, seq, seq, seq, seq));
    }
    Files.createDirectories(stages.stageDir("dev"));
    Files.writeString(stages.stageDir("dev").resolve("state.json"), "{\"formatVersion\": 1,"
        + " \"app\": \"my-app\", \"stage\": \"dev\", \"resources\": [\n" + records
        + "\n  ], \"scopes\": []}\n");
    NewestFirst things = new NewestFirst();
    for (int seq = 1; seq <= count; seq++) {
      things.things.put("r" + seq, "v");
    }

    RunResult result = builder(Phase.DESTROY).parallelism(10).build().run(stage ->
        stage.forEach(List.of("s0", "s1", "s2"), (s, name) -> s.run(name, scope -> {
          for (int seq = 1; seq <= count; seq++) {
            if (name.equals("s" + (seq % 3))) {
              scope.resource("r" + seq, things, new CountingProvider.Props("r" + seq, "v"));
            }
          }
        })));

    assertThat(result.deleted()).isEqualTo(count);
    assertThat(things.calls).containsExactly("delete r12", "delete r11", "delete r10",
        "delete r9", "delete r8", "delete r7", "delete r6", "delete r5", "delete r4",
        "delete r3", "delete r2", "delete r1");
    assertThat(things.things).isEmpty();
    assertThat(stages.stageDir("dev")).doesNotExist();
  }

  /** Deletes only what has no newer thing still existing; each deletion takes 20 ms. */
  private static final class NewestFirst extends CountingProvider {
    NewestFirst() {
      super("test::Ordered");
    }

    @Override
    public void delete(ResourceContext context, Props props, Output output) {
      int seq = Integer.parseInt(props.name().substring(1));
      List<String> newer = things.keySet().stream()
          .filter(name -> Integer.parseInt(name.substring(1)) > seq).sorted().toList();
      if (!newer.isEmpty()) {
        throw new IllegalStateException("r" + seq + " deleted while newer " + newer
            + " still exist");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.delete(context, props, output);
    }
  }
}
