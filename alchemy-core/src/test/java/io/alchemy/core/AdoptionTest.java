package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's adoption mode, and replacement for things of which two cannot exist at once. */
class AdoptionTest {

  @TempDir Path dir;

  /** Things with unique names, as buckets are: creating an existing one is a conflict. */
  static class Buckets extends CountingProvider {
    boolean deleteFirst;

    @Override
    public Output create(ResourceContext context, Props props) {
      if (things.containsKey(props.name())) {
        calls.add("conflict " + props.name());
        throw sneaky(new ResourceExistsException("bucket " + props.name()));
      }
      return super.create(context, props);
    }

    @Override
    public Optional<Output> read(ResourceContext context, Props props) {
      calls.add("read " + props.name());
      String value = things.get(props.name());
      return value == null ? Optional.empty() : Optional.of(new Output(props.name(), value, 7));
    }

    @Override
    public boolean deleteBeforeReplace() {
      return deleteFirst;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
      throw (E) e;
    }
  }

  private final Buckets buckets = new Buckets();

  private InfrastructureDefinition images(String value) {
    return stage -> stage.resource("images", buckets, new CountingProvider.Props("img", value));
  }

  @Test
  void anExistingThingNotInStateIsAClearErrorWithoutAdoption() throws Exception {
    buckets.things.put("img", "made by hand");
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.up(images("v1")))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/images (test::Thing) failed while creating:"
            + " bucket img already exists and is not in the state of this stage. To manage it"
            + " with Alchemy, run again with adoption on (Alchemy.builder().adopt(true)");
    assertThat(buckets.things).containsEntry("img", "made by hand");
    assertThat(buckets.calls).containsExactly("conflict img");
  }

  @Test
  void aRefusedConflictLeavesNoRecordSoNoLaterRunDeletesSomeoneElsesThing() throws Exception {
    buckets.things.put("img", "made by hand");
    Stages stages = new Stages(dir);
    String before = stages.snapshotOfState();
    assertThatThrownBy(() -> stages.up(images("v1"))).isInstanceOf(DeploymentFailedException.class);
    assertThat(stages.snapshotOfState()).isEqualTo(before);
    stages.up(stage -> stage.resource("logs", buckets, new CountingProvider.Props("logs", "v")));
    assertThat(buckets.things).containsEntry("img", "made by hand");
    assertThat(buckets.calls).doesNotContain("delete img");
  }

  @Test
  void aReplacementOntoATakenNameKeepsTheOldOneAndItsRecord() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("db", buckets, new CountingProvider.Props("old", "v")));
    buckets.things.put("taken", "someone else's");
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("db", buckets, new CountingProvider.Props("taken", "v"))))
        .hasMessageContaining("bucket taken already exists");
    buckets.calls.clear();
    assertThat(stages.up(stage -> stage.resource("db", buckets,
        new CountingProvider.Props("old", "v"))).unchanged()).isEqualTo(1);
    assertThat(buckets.things).containsEntry("old", "v").containsEntry("taken", "someone else's");
    assertThat(buckets.calls).isEmpty();
  }

  @Test
  void whatStateProvesAlchemyMadeIsTakenOverWithoutAdoptMode() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("img", buckets, new CountingProvider.Props("img", "v")));
    // The orphan delete fails (say the bucket is not empty): the record stays 'deleting'.
    CountingProvider refusing = new Buckets() {
      @Override
      public void delete(io.alchemy.core.provider.ResourceContext c, Props p, Output o) {
        throw new IllegalStateException("bucket img is not empty");
      }
    };
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("other", refusing, new CountingProvider.Props("other", "v"))))
        .hasMessageContaining("is not empty");
    // Declared again: create finds it exists, and the record proves it is ours.
    RunResult result = stages.up(stage ->
        stage.resource("img", buckets, new CountingProvider.Props("img", "v2")));
    assertThat(result.created()).isEqualTo(1);
    assertThat(buckets.things).containsEntry("img", "v2");
  }

  @Test
  void adoptionReadsTheThingRecordsItAndUpdatesItToTheDesiredProps() {
    buckets.things.put("img", "made by hand");
    Stages stages = new Stages(dir);
    RunResult result = stages.builder().adopt(true).build().run(images("v1"));
    assertThat(result.adopted()).isEqualTo(1);
    assertThat(result.summary()).endsWith(", 1 adopted");
    assertThat(buckets.calls).containsExactly("conflict img", "read img", "update img");
    assertThat(buckets.things).containsEntry("img", "v1");
    buckets.calls.clear();
    // From now on it is managed: a re-run changes nothing, and removing it deletes it.
    assertThat(stages.up(images("v1")).unchanged()).isEqualTo(1);
    stages.up(stage -> stage.resource("logs", buckets, new CountingProvider.Props("logs", "v")));
    assertThat(buckets.calls).containsExactly("create logs", "delete img");
  }

  @Test
  void adoptionCanBeOnForOneScopeOnly() {
    buckets.things.put("img", "made by hand");
    RunResult result = new Stages(dir).up(stage -> stage.run("legacy",
        ScopeOptions.defaults().adopt(true),
        legacy -> legacy.resource("images", buckets, new CountingProvider.Props("img", "v1"))));
    assertThat(result.adopted()).isEqualTo(1);
  }

  @Test
  void deleteBeforeReplaceDeletesTheOldOneFirst() {
    buckets.deleteFirst = true;
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("db", buckets, new CountingProvider.Props("old", "v")));
    buckets.calls.clear();
    RunResult result =
        stages.up(stage -> stage.resource("db", buckets, new CountingProvider.Props("new", "v")));
    assertThat(buckets.calls).containsExactly("delete old", "create new");
    assertThat(result.resources()).extracting(ResourceReport::action)
        .containsExactly(ResourceAction.DELETE, ResourceAction.REPLACE);
    assertThat(buckets.things).containsOnlyKeys("new");
  }
}
