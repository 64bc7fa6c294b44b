package io.alchemy.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alchemy.core.Alchemy;
import io.alchemy.core.CountingProvider;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.ScopeOptions;
import io.alchemy.core.Stages;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import io.alchemy.core.testing.FolderHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan phase: what it shows for every kind of change, and that it changes nothing. */
class PlanTest {

  @TempDir Path dir;

  private final CountingProvider things = new CountingProvider();

  private Stages stages;

  private Alchemy.Builder stage() {
    if (stages == null) {
      stages = new Stages(dir);
    }
    return stages.builder().password(Secret.of("pw-for-tests"));
  }

  private CountingProvider.Output thing(Scope scope, String id, String value) throws Exception {
    return scope.resource(id, things, new CountingProvider.Props(id, value));
  }

  private RunResult up(InfrastructureDefinition definition) {
    return stage().build().run(definition);
  }

  private Plan plan(InfrastructureDefinition definition) {
    return stage().build().plan(definition);
  }

  private String stateHash() throws Exception {
    return FolderHash.of(dir.resolve("state"));
  }

  @Test
  void aStageNeverDeployedPlansCreatesAndLeavesNoFolderNorLock() {
    Plan plan = plan(stage -> {
      thing(stage, "a", "1");
      stage.run("child", c -> thing(c, "b", "2"));
    });
    assertThat(plan.lines()).containsExactly(
        "+   create    my-app/dev/a (test::Thing)",
        "+   create    my-app/dev/child/b (test::Thing)",
        "Plan for my-app/dev: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged");
    assertThat(things.calls).isEmpty();
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void everyKindOfChangeIsShownAndNothingIsWritten() throws Exception {
    up(stage -> {
      thing(stage, "same", "1");
      thing(stage, "changed", "1");
      thing(stage, "renamed", "1");
      thing(stage, "orphan", "1");
      stage.run("gone", g -> thing(g, "inside", "1"));
      stage.run("old", o -> thing(o, "legacy", "1"));
    });
    things.calls.clear();
    String before = stateHash();
    List<String> phases = new ArrayList<>();
    Plan plan = plan(stage -> {
      phases.add(stage.phase().name());
      thing(stage, "same", "1");
      thing(stage, "changed", "2");
      stage.resource("renamed", things, new CountingProvider.Props("renamed-2", "1"));
      thing(stage, "new", "1");
      stage.run("old", ScopeOptions.defaults().phase(Phase.DESTROY), o -> thing(o, "legacy",
          "1"));
    });
    assertThat(phases).containsExactly("PLAN");
    assertThat(things.calls).isEmpty();
    assertThat(stateHash()).isEqualTo(before);
    assertThat(plan.lines()).containsExactly(
        "~   update    my-app/dev/changed (test::Thing)",
        "      value: \"1\" -> \"2\"",
        "-/+ replace   my-app/dev/renamed (test::Thing): name forces a replacement",
        "      name: \"renamed\" -> \"renamed-2\"",
        "+   create    my-app/dev/new (test::Thing)",
        "-   delete    my-app/dev/old/legacy (test::Thing): its scope my-app/dev/old is destroyed",
        "-   delete    my-app/dev/gone/inside (test::Thing): its scope my-app/dev/gone is no"
            + " longer entered",
        "-   delete    my-app/dev/orphan (test::Thing): no longer declared",
        "Plan for my-app/dev: 1 to create, 1 to update, 1 to replace, 3 to delete, 1 unchanged");
    assertThat(plan.hasChanges()).isTrue();
  }

  @Test
  void leftoversOfAStoppedRunShowAsAdoptAndFinish() throws Exception {
    up(stage -> {
      thing(stage, "made", "1");
      thing(stage, "updated", "1");
    });
    // As a killed run leaves them.
    try (StageState state = new FileSystemStateStore(dir.resolve("state"))
        .open("my-app", "dev", AccessMode.WRITE, Duration.ZERO)) {
      ResourceRecord made = state.resources().get("made");
      state.put(made.with(ResourceStatus.CREATING, made.props(), null, null));
      ResourceRecord updated = state.resources().get("updated");
      state.put(updated.with(ResourceStatus.UPDATING, updated.props(), updated.output(),
          updated.props()));
    }
    Plan plan = plan(stage -> {
      thing(stage, "made", "1");
      thing(stage, "updated", "1");
    });
    assertThat(plan.lines()).containsExactly(
        "=   adopt     my-app/dev/made (test::Thing): a run stopped while creating it",
        "~   finish    my-app/dev/updated (test::Thing): a run stopped while updating it",
        "Plan for my-app/dev: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 to adopt,"
            + " 1 to finish, 0 unchanged");
  }

  @Test
  void unknownValuesFlowIntoLaterPropsAndShowAsKnownAfterUp() throws Exception {
    up(stage -> {
      thing(stage, "consumer", "fixed");
    });
    Plan plan = plan(stage -> {
      CountingProvider.Output made = thing(stage, "maker", "1");
      thing(stage, "consumer", "uses " + made.name());
    });
    assertThat(plan.lines()).contains(
        "~   update    my-app/dev/consumer (test::Thing)",
        "      value: \"fixed\" -> \"uses (known after up)\"");
  }

  @Test
  void secretsNeverShowInTheLinesNorInThePlanFile() throws Exception {
    SecretProvider secrets = new SecretProvider();
    up(stage -> stage.resource("db", secrets, new WithSecret("db", Secret.of("first-s3cr3t"))));
    Plan plan = plan(stage -> stage.resource("db", secrets,
        new WithSecret("db", Secret.of("second-s3cr3t"))));
    assertThat(plan.lines()).contains("      password: (secret changed)");
    assertThat(String.join("\n", plan.lines())).doesNotContain("s3cr3t");
    Path file = dir.resolve("plan.json");
    PlanFile.write(plan, file);
    assertThat(Files.readString(file)).doesNotContain("s3cr3t").contains("\"secret\" : true");
    assertThat(PlanFile.read(file)).isEqualTo(plan);
  }

  @Test
  void anApprovedPlanIsAppliedExactlyAndAStalePlanChangesNothing() throws Exception {
    InfrastructureDefinition v1 = stage -> thing(stage, "a", "1");
    InfrastructureDefinition v2 = stage -> thing(stage, "a", "2");
    up(v1);
    Plan approved = plan(v2);
    RunResult result = stage().build().apply(v2, approved);
    assertThat(result.updated()).isEqualTo(1);
    // Applied once, the same plan is stale: the state it saw is gone.
    String before = stateHash();
    things.calls.clear();
    PlanMismatchException stale = catchThrowableOfType(PlanMismatchException.class,
        () -> stage().build().apply(v2, approved));
    assertThat(stale).hasMessageStartingWith("The approved plan is not what up would do now, so"
        + " nothing was changed:\n  - the state changed since the plan was made");
    assertThat(things.calls).isEmpty();
    assertThat(stateHash()).isEqualTo(before);
    // A definition that changed since the plan is refused too.
    Plan approvedV1 = plan(v1);
    PlanMismatchException other = catchThrowableOfType(PlanMismatchException.class,
        () -> stage().build().apply(stage -> thing(stage, "a", "3"), approvedV1));
    assertThat(other.differences()).containsExactly(
        "approved but no longer planned: ~ update my-app/dev/a (test::Thing); value: \"2\" ->"
            + " \"1\"",
        "planned now but not approved: ~ update my-app/dev/a (test::Thing); value: \"2\" ->"
            + " \"3\"");
    assertThat(things.calls).isEmpty();
    assertThat(stateHash()).isEqualTo(before);
  }

  @Test
  void aReplacementOnRequestIsPlannedAndDoneAndAnUnknownNameFailsBeforeDeleting()
      throws Exception {
    up(stage -> {
      thing(stage, "a", "1");
      thing(stage, "b", "1");
    });
    things.calls.clear();
    InfrastructureDefinition same = stage -> thing(stage, "a", "1");
    Plan plan = stage().replace(Set.of("my-app/dev/a")).build().plan(same);
    assertThat(plan.lines()).contains(
        "-/+ replace   my-app/dev/a (test::Thing): replacement requested");
    RunResult replaced = stage().replace(Set.of("my-app/dev/a")).build().run(same);
    assertThat(replaced.replaced()).isEqualTo(1);
    // Same name, same thing: the old one goes first.
    assertThat(things.calls).containsExactly("delete a", "create a", "delete b");
    things.calls.clear();
    DeploymentFailedException typo = catchThrowableOfType(DeploymentFailedException.class,
        () -> stage().replace(Set.of("my-app/dev/aa")).build().run(same));
    assertThat(typo).hasMessageContaining("A replacement was asked for my-app/dev/aa, which the"
        + " definition does not declare (did you mean my-app/dev/a?)");
    assertThat(things.calls).isEmpty();
  }

  @Test
  void upReportsTheChangedProps() {
    up(stage -> thing(stage, "a", "1"));
    List<ResourceReport> reports = new ArrayList<>();
    stage().listener(new RunListener() {
      @Override
      public void resourceFinished(ResourceReport report) {
        reports.add(report);
      }
    }).build().run(stage -> thing(stage, "a", "2"));
    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(ResourceAction.UPDATE);
      assertThat(r.changes()).containsExactly(new PropChange("value", "\"1\"", "\"2\"", false));
    });
  }

  /** Props with a secret. */
  record WithSecret(String name, Secret password) {}

  /** A resource with a secret prop. */
  static final class SecretProvider
      implements ResourceProvider<WithSecret, CountingProvider.Output> {
    @Override
    public String type() {
      return "test::Secretive";
    }

    @Override
    public Class<WithSecret> propsType() {
      return WithSecret.class;
    }

    @Override
    public Class<CountingProvider.Output> outputType() {
      return CountingProvider.Output.class;
    }

    @Override
    public CountingProvider.Output create(ResourceContext context,
        WithSecret props) {
      return new CountingProvider.Output("db", "", 1);
    }

    @Override
    public CountingProvider.Output update(ResourceContext context, WithSecret oldProps,
        WithSecret newProps, CountingProvider.Output oldOutput) {
      return oldOutput;
    }

    @Override
    public void delete(ResourceContext context, WithSecret props,
        CountingProvider.Output output) {}
  }

  @Test
  void aProviderRefusalInAPlanNamesTheResourceAsUpDoes() throws Exception {
    Files.createDirectories(dir.resolve("taken"));
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class,
        () -> plan(stage -> io.alchemy.core.fs.TextFile.declare(stage, "f",
            io.alchemy.core.fs.TextFile.props("taken", "x"))));
    assertThat(e).hasMessageContaining("Resource my-app/dev/f (fs::TextFile) failed while"
        + " creating: ");
  }

  @Test
  void anApplyStopsBeforeAChangeThePlanCouldNotKnow() throws Exception {
    // b's value comes from a's version, a number the plan can only guess for an update.
    InfrastructureDefinition v1 = stage -> {
      CountingProvider.Output a = thing(stage, "a", "1");
      thing(stage, "b", "v" + a.version());
    };
    InfrastructureDefinition v2 = stage -> {
      CountingProvider.Output a = thing(stage, "a", "2");
      thing(stage, "b", "v" + a.version());
    };
    up(v1);
    Plan approved = plan(v2);
    assertThat(approved.lines()).contains("      value: \"v1\" -> \"v0\"");
    things.calls.clear();
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class,
        () -> stage().build().apply(v2, approved));
    assertThat(e).hasMessageContaining("Resource my-app/dev/b was not changed: up would now"
        + " update; value: \"v1\" -> \"v2\", where the approved plan says update; value: \"v1\""
        + " -> \"v0\"");
    // a's approved update happened; b's unreviewed one did not.
    assertThat(things.calls).containsExactly("update a");
    assertThat(things.things).containsEntry("b", "v1");
  }

  @Test
  void aPlanRemembersItsReplacementsAndAnApplyAsksForThemAgain() throws Exception {
    InfrastructureDefinition same = stage -> thing(stage, "a", "1");
    up(same);
    Plan approved = stage().replace(Set.of("my-app/dev/a")).build().plan(same);
    assertThat(approved.replace()).containsExactly("my-app/dev/a");
    Path file = dir.resolve("plan.json");
    PlanFile.write(approved, file);
    things.calls.clear();
    RunResult result = stage().build().apply(same, PlanFile.read(file));
    assertThat(result.replaced()).isEqualTo(1);
    assertThat(things.calls).containsExactly("delete a", "create a");
  }
}
