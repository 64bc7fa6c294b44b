package io.alchemy.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.JsonLinesListener;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.RunResult;
import io.alchemy.core.Stages;
import io.alchemy.core.command.Command;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import io.alchemy.core.random.RandomString;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.testing.FolderHash;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift: a live read ({@code refresh}) shows in the plan what changed or was deleted outside
 * Alchemy, {@code up} repairs it, and nothing is read without it; import by id records an
 * existing thing without creating it.
 */
class DriftTest {

  @TempDir Path dir;

  private Stages stages() {
    // The test vaults' outputs may hold a secret: every run has a password.
    return new Stages(dir, Secret.of("pw-drift-5e2a"));
  }

  private static InfrastructureDefinition files(String content) {
    return scope -> {
      TextFile.declare(scope, "config", TextFile.props("out/config.txt", content));
      TextFile.declare(scope, "notes", TextFile.props("out/notes.txt", "notes"));
      Folder.declare(scope, "cache", Folder.props("out/cache"));
    };
  }

  private Plan plan(Stages stages, InfrastructureDefinition definition, boolean refresh) {
    return stages.builder().refresh(refresh).build().plan(definition);
  }

  @Test
  void aFileEditedByHandIsDriftThatRefreshShowsAndUpRepairs() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    Files.writeString(dir.resolve("out/config.txt"), "edited by hand");

    assertThat(plan(stages, files("v1"), false).hasChanges())
        .as("without refresh an unchanged resource is taken to be as recorded").isFalse();
    Plan plan = plan(stages, files("v1"), true);
    assertThat(plan.drift()).containsExactly(new Drift("my-app/dev/config", TextFile.TYPE,
        Drift.Kind.DRIFTED, List.of(new PropChange("content", "\"edited by hand\"", "\"v1\"",
            false))));
    assertThat(plan.changes()).containsExactly(new PlannedChange("my-app/dev/config",
        TextFile.TYPE, PlanAction.UPDATE, List.of(new PropChange("content", "\"edited by hand\"",
            "\"v1\"", false)), "drifted outside Alchemy"));
    assertThat(plan.lines()).startsWith(
        "!   drifted   my-app/dev/config (fs::TextFile): live -> recorded",
        "      content: \"edited by hand\" -> \"v1\"",
        "~   update    my-app/dev/config (fs::TextFile): drifted outside Alchemy");
    assertThat(plan.summary()).isEqualTo("Plan for my-app/dev: 0 to create, 1 to update,"
        + " 0 to replace, 0 to delete, 2 unchanged; drift: 1 drifted, 0 deleted outside Alchemy");

    RunResult repaired = stages.builder().refresh(true).build().run(files("v1"));
    assertThat(repaired.drift()).hasSize(1);
    assertThat(repaired.updated()).isEqualTo(1);
    assertThat(repaired.summary()).endsWith("; 1 drifted");
    assertThat(Files.readString(dir.resolve("out/config.txt"))).isEqualTo("v1");

    Plan after = plan(stages, files("v1"), true);
    assertThat(after.drift()).isEmpty();
    assertThat(after.hasChanges()).isFalse();
    assertThat(after.summary()).endsWith("; no drift");
  }

  @Test
  void aFileDeletedByHandIsShownAndCreatedAgain() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    Files.delete(dir.resolve("out/notes.txt"));
    Files.delete(dir.resolve("out/cache"));

    assertThat(stages.up(files("v1")).unchanged())
        .as("without refresh nothing is read, as before").isEqualTo(3);
    assertThat(dir.resolve("out/notes.txt")).doesNotExist();

    Plan plan = plan(stages, files("v1"), true);
    assertThat(plan.drift()).extracting(Drift::fqn, Drift::kind).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("my-app/dev/notes", Drift.Kind.DELETED),
        org.assertj.core.groups.Tuple.tuple("my-app/dev/cache", Drift.Kind.DELETED));
    assertThat(plan.changes()).extracting(PlannedChange::action, PlannedChange::reason)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(PlanAction.CREATE,
            "deleted outside Alchemy"));
    assertThat(plan.lines()).contains(
        "!   deleted   my-app/dev/notes (fs::TextFile): deleted outside Alchemy");

    RunResult repaired = stages.builder().refresh(true).build().run(files("v1"));
    assertThat(repaired.created()).isEqualTo(2);
    assertThat(dir.resolve("out/notes.txt")).hasContent("notes");
    assertThat(dir.resolve("out/cache")).isDirectory();
    Plan after = plan(stages, files("v1"), true);
    assertThat(after.drift()).isEmpty();
    assertThat(after.hasChanges()).isFalse();
  }

  @Test
  void aRefreshThatFindsNoDriftWritesNothing() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    String state = FolderHash.of(stages.stateDir());
    RunResult again = stages.builder().refresh(true).build().run(files("v1"));
    assertThat(again.unchanged()).isEqualTo(3);
    assertThat(again.drift()).isEmpty();
    assertThat(FolderHash.of(stages.stateDir())).isEqualTo(state);
  }

  @Test
  void driftAndDeclaredChangesAreRepairedInOneUpdateFromTheLiveProps() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    Files.writeString(dir.resolve("out/config.txt"), "by hand");
    Plan plan = plan(stages, files("v2"), true);
    assertThat(plan.changes()).containsExactly(new PlannedChange("my-app/dev/config",
        TextFile.TYPE, PlanAction.UPDATE, List.of(new PropChange("content", "\"by hand\"",
            "\"v2\"", false)), "drifted outside Alchemy"));
    // Applied as approved: the apply reads live again, and does what the plan said.
    stages.builder().build().apply(files("v2"), plan);
    assertThat(dir.resolve("out/config.txt")).hasContent("v2");
  }

  @Test
  void aRefreshedPlanFileKeepsItsDriftAndIsAppliedReadingLiveAgain() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    Files.delete(dir.resolve("out/notes.txt"));
    Path file = dir.resolve("plans/plan.json");
    Plan plan = plan(stages, files("v1"), true);
    PlanFile.write(plan, file);
    Plan read = PlanFile.read(file);
    assertThat(read).isEqualTo(plan);
    assertThat(read.refresh()).isTrue();
    assertThat(read.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.DELETED);
    assertThat(Files.readString(file)).contains("\"refresh\" : true", "\"kind\" : \"deleted\"");

    // Applied without asking for refresh: the plan asks for it, so the repair is what it says.
    stages.builder().build().apply(files("v1"), read);
    assertThat(dir.resolve("out/notes.txt")).hasContent("notes");
  }

  @Test
  void aThingChangedOutsideToJustWhatIsNowDeclaredIsRecordedWithoutACall() throws Exception {
    Stages stages = stages();
    stages.up(files("v1"));
    Files.writeString(dir.resolve("out/config.txt"), "v2");
    RunResult run = stages.builder().refresh(true).build().run(files("v2"));
    assertThat(run.updated()).isZero();
    assertThat(run.drift()).hasSize(1);
    assertThat(plan(stages, files("v2"), false).hasChanges())
        .as("the record holds the props as they now are").isFalse();
  }

  @Test
  void commandsAndRandomStringsAreNotReadNeverDriftAndTheRunSaysSo() throws Exception {
    Stages stages = stages();
    InfrastructureDefinition definition = scope -> {
      RandomString.declare(scope, "token", RandomString.props(12));
      RandomString.declare(scope, "salt", RandomString.props(8));
      Command.declare(scope, "hello", Command.props("true").build());
    };
    stages.builder().build().run(definition);
    List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    Plan plan = stages.builder().refresh(true).listener(new io.alchemy.core.RunListener() {
      @Override
      public void info(String message) {
        notes.add(message);
      }
    }).build().plan(definition);
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(notes).containsExactly(
        "refresh did not read 1 resource(s) of type command::Command: a command has nothing to"
            + " read: what it did is not a thing to look at",
        "refresh did not read 2 resource(s) of type random::String: a random string"
            + " exists only in state: state is the truth");
  }

  /** What a provider's props look like when one of them is a secret. */
  record Vault(String name, Secret token, int size) {}

  /** Holds things in memory, so a test can change them "by hand" and count reads. */
  static final class MemoryVaults extends TypedResourceProvider<Vault, Vault> {
    final Map<String, Vault> live = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger reading = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    volatile long readMillis;
    volatile RuntimeException failReads;

    MemoryVaults() {
      super("test::Vault", Vault.class, Vault.class);
    }

    @Override
    public Vault create(ResourceContext context, Vault props) {
      live.put(props.name(), props);
      return props;
    }

    @Override
    public Vault update(ResourceContext context, Vault oldProps, Vault newProps, Vault old) {
      live.put(newProps.name(), newProps);
      return newProps;
    }

    @Override
    public void delete(ResourceContext context, Vault props, Vault output) {
      live.remove(props.name());
    }

    @Override
    public Live<Vault, Vault> readLive(ResourceContext context, Vault props, Vault output) {
      reads.incrementAndGet();
      if (failReads != null) {
        throw failReads;
      }
      mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
      try {
        Thread.sleep(readMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        reading.decrementAndGet();
      }
      Vault vault = live.get(props.name());
      return vault == null ? Live.missing() : Live.found(vault, vault);
    }

    @Override
    public Live<Vault, Vault> readById(ResourceContext context, String importId, Vault props) {
      Vault vault = live.get(importId);
      return vault == null ? Live.missing() : Live.found(vault, vault);
    }

    @Override
    public boolean requiresReplacement(Vault oldProps, Vault newProps) {
      return !oldProps.name().equals(newProps.name());
    }

    @Override
    public String identity(ResourceContext context, Vault props, Vault output) {
      return props.name();
    }
  }

  private static final String TOKEN = "tok-8c1f-never-printed";

  @Test
  void aSecretThatDriftedShowsOnlyThatItChanged() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    InfrastructureDefinition definition = scope ->
        scope.resource("vault", vaults, new Vault("v", Secret.of(TOKEN), 1));
    Stages stages = stages();
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    Alchemy.Builder builder = stages.builder();
    builder.build().run(definition);
    vaults.live.put("v", new Vault("v", Secret.of("changed-by-hand-77"), 1));

    Plan plan = builder.refresh(true).build().plan(definition);
    assertThat(plan.drift()).singleElement().satisfies(d ->
        assertThat(d.changes()).containsExactly(new PropChange("token", null, null, true)));
    assertThat(String.join("\n", plan.lines())).doesNotContain(TOKEN)
        .doesNotContain("changed-by-hand-77").contains("token: (secret changed)");

    JsonLinesListener json =
        new JsonLinesListener(new PrintStream(events, true, StandardCharsets.UTF_8));
    RunResult repaired = builder.refresh(true).listener(json).build().run(definition);
    json.summary(repaired, false);
    assertThat(repaired.updated()).isEqualTo(1);
    assertThat(vaults.live.get("v").token().reveal()).isEqualTo(TOKEN);
    assertThat(events.toString(StandardCharsets.UTF_8)).contains("\"event\":\"drift\"", "\"kind\":\"drifted\"", "\"drifted\":1")
        .doesNotContain(TOKEN).doesNotContain("changed-by-hand-77");
    assertThat(Files.readString(stages.stateDir().resolve("my-app/dev/state.json")))
        .doesNotContain(TOKEN).doesNotContain("changed-by-hand-77");
  }

  @Test
  void aReadThatFailsFailsTheResourceAndChangesNothing() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    InfrastructureDefinition definition = scope ->
        scope.resource("vault", vaults, new Vault("v", null, 1));
    Stages stages = stages();
    stages.up(definition);
    vaults.live.put("v", new Vault("v", null, 7));
    vaults.failReads = new IllegalStateException("server unreachable");
    String state = FolderHash.of(stages.stateDir());
    assertThatThrownBy(() -> stages.builder().refresh(true).build().run(definition))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("my-app/dev/vault").hasMessageContaining("server unreachable");
    assertThat(FolderHash.of(stages.stateDir())).isEqualTo(state);
    assertThat(vaults.live.get("v").size()).as("not repaired").isEqualTo(7);
  }

  @Test
  void readsRunOnlyWithRefreshAndAsManyAtOnceAsParallelismAllows() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    InfrastructureDefinition definition = scope -> scope.forEach(
        List.of("a", "b", "c", "d"), (parent, name) -> parent.run(name, child ->
            child.resource("vault", vaults, new Vault(name, null, 1))));
    Stages stages = stages();
    stages.up(definition);
    stages.up(definition);
    assertThat(vaults.reads).as("no refresh, no read").hasValue(0);
    vaults.readMillis = 300;
    stages.builder().refresh(true).build().plan(definition);
    stages.builder().refresh(true).build().run(definition);
    assertThat(vaults.reads).hasValue(8);
    assertThat(vaults.mostAtOnce.get()).as("reads of forEach branches overlap").isBetween(2, 4);
    vaults.mostAtOnce.set(0);
    stages.builder().refresh(true).parallelism(1).build().run(definition);
    assertThat(vaults.mostAtOnce).as("parallelism 1: one read at a time").hasValue(1);
  }

  @Test
  void importRecordsAnExistingThingWithoutCreatingItThenUpdatesIt() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    vaults.live.put("legacy", new Vault("legacy", null, 3));
    InfrastructureDefinition definition = scope -> scope.resource("vault", vaults,
        new Vault("legacy", null, 5), ResourceOptions.importing("legacy"));
    Stages stages = stages();

    Plan plan = stages.builder().build().plan(definition);
    assertThat(plan.changes()).containsExactly(new PlannedChange("my-app/dev/vault",
        "test::Vault", PlanAction.IMPORT, List.of(new PropChange("size", "3", "5", false)),
        "'legacy'"));
    assertThat(plan.lines().get(0))
        .isEqualTo("<=  import    my-app/dev/vault (test::Vault): 'legacy'");
    assertThat(plan.summary()).contains("1 to import");

    RunResult run = stages.builder().build().apply(definition, plan);
    assertThat(run.count(ResourceAction.IMPORT)).isEqualTo(1);
    assertThat(run.created()).isZero();
    assertThat(run.summary()).contains("1 imported");
    assertThat(vaults.live.get("legacy").size()).isEqualTo(5);

    // Once imported, it is the stage's like any other: the option can go, destroy deletes it.
    InfrastructureDefinition plain = scope -> scope.resource("vault", vaults,
        new Vault("legacy", null, 5));
    assertThat(stages.builder().build().plan(plain).hasChanges()).isFalse();
    assertThat(stages.builder().build().plan(definition).hasChanges())
        .as("the option left in place does nothing more").isFalse();
    stages.run(Phase.DESTROY, plain);
    assertThat(vaults.live).doesNotContainKey("legacy");
  }

  @Test
  void anImportThatMatchesTheDeclaredPropsIsRecordedWithoutAnyCall() throws Exception {
    Files.createDirectories(dir.resolve("old"));
    Files.writeString(dir.resolve("old/keep.txt"), "kept");
    InfrastructureDefinition definition = scope -> TextFile.declare(scope, "keep",
        TextFile.props("old/keep.txt", "kept"));
    InfrastructureDefinition importing = scope -> scope.resource("keep", TextFile.provider(),
        TextFile.props("old/keep.txt", "kept"),
        ResourceOptions.importing(dir.resolve("old/keep.txt").toString()));
    Stages stages = stages();
    assertThat(stages.builder().build().plan(importing).changes())
        .extracting(PlannedChange::action, PlannedChange::changes)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PlanAction.IMPORT, List.of()));
    RunResult run = stages.up(importing);
    assertThat(run.count(ResourceAction.IMPORT)).isEqualTo(1);
    assertThat(stages.builder().build().plan(definition).hasChanges()).isFalse();
    stages.run(Phase.DESTROY, definition);
    assertThat(dir.resolve("old/keep.txt")).doesNotExist();
  }

  @Test
  void importOfWhatDoesNotExistFailsNamingTheIdAndChangesNothing() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    InfrastructureDefinition definition = scope -> scope.resource("vault", vaults,
        new Vault("ghost", null, 1), ResourceOptions.importing("ghost"));
    Stages stages = stages();
    assertThatThrownBy(() -> stages.builder().build().plan(definition))
        .hasMessageContaining("'ghost'").hasMessageContaining("no test::Vault with that id");
    assertThatThrownBy(() -> stages.up(definition))
        .isInstanceOf(DeploymentFailedException.class).cause().cause()
        .hasMessage("Resource my-app/dev/vault asks to import 'ghost', but no test::Vault with"
            + " that id exists. Check the id (what test::Vault calls it), or remove"
            + " ResourceOptions.importing to create it. Nothing was changed.");
    assertThat(vaults.live).isEmpty();
    assertThat(stages.builder().build().plan(scope -> { }).hasChanges())
        .as("no record to delete as an orphan").isFalse();
  }

  @Test
  void importOfAnotherThingThanDeclaredOrOfAResourceOfTheStageIsRefused() throws Exception {
    MemoryVaults vaults = new MemoryVaults();
    vaults.live.put("legacy", new Vault("legacy", null, 3));
    Stages stages = stages();
    InfrastructureDefinition other = scope -> scope.resource("vault", vaults,
        new Vault("renamed", null, 3), ResourceOptions.importing("legacy"));
    assertThatThrownBy(() -> stages.up(other)).cause().cause().hasMessage("Resource"
        + " my-app/dev/vault asks to import 'legacy', but its declared props describe another"
        + " thing, which up would make by replacing (and so deleting) the imported one: name:"
        + " \"legacy\" -> \"renamed\". Declare the props of the thing you import (its name"
        + " above all). Nothing was changed.");
    assertThat(vaults.live).containsOnlyKeys("legacy");
    assertThat(stages.builder().build().plan(scope -> { }).hasChanges())
        .as("nothing recorded").isFalse();

    stages.up(scope -> scope.resource("first", vaults, new Vault("legacy", null, 3),
        ResourceOptions.importing("legacy")));
    InfrastructureDefinition twice = scope -> {
      scope.resource("first", vaults, new Vault("legacy", null, 3));
      scope.resource("second", vaults, new Vault("legacy", null, 3),
          ResourceOptions.importing("legacy"));
    };
    String state = FolderHash.of(stages.stateDir());
    assertThatThrownBy(() -> stages.up(twice)).cause().cause().hasMessage("Resource"
        + " my-app/dev/second asks to import 'legacy', which is already resource"
        + " my-app/dev/first of this stage: one thing cannot be two resources. Remove"
        + " ResourceOptions.importing. Nothing was changed.");
    assertThat(FolderHash.of(stages.stateDir())).isEqualTo(state);
    assertThat(vaults.live).containsOnly(Map.entry("legacy", new Vault("legacy", null, 3)));
  }

  @Test
  void aProviderThatCannotImportSaysSo() throws Exception {
    Stages stages = stages();
    InfrastructureDefinition importing = scope -> scope.resource("token",
        RandomString.provider(), RandomString.props(8), ResourceOptions.importing("x"));
    assertThatThrownBy(() -> stages.builder().build().run(importing)).cause().cause()
        .hasMessage("Resource my-app/dev/token asks to import 'x', but random::String cannot"
            + " import existing things. Remove ResourceOptions.importing to create it instead."
            + " Nothing was changed.");
    assertThat(stages.builder().build().plan(scope -> { }).hasChanges())
        .as("nothing recorded").isFalse();
  }

  @Test
  void aBlankImportIdIsRefusedWhereItIsWritten() {
    assertThatThrownBy(() -> ResourceOptions.importing(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The import id is blank: give the id of the existing thing, e.g. a bucket's"
            + " or a role's name.");
    assertThatThrownBy(() -> ResourceOptions.importing(null))
        .isInstanceOf(NullPointerException.class).hasMessage("import id");
  }
}
