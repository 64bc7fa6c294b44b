package io.alchemy.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Phase;
import io.alchemy.core.fs.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a crash round ends with sees every kind of difference it promises to see. */
class StageCheckTest {

  @TempDir Path dir;
  Path stateDir;
  Path baseDir;

  @BeforeEach
  void deployA() {
    stateDir = dir.resolve("state");
    baseDir = dir.resolve("base");
    Alchemy.builder().app(CrashChild.APP).stage(CrashChild.STAGE).stateDir(stateDir)
        .baseDir(baseDir).quiet(true).build()
        .run(Workload.A.definition(TextFile.provider(), Concurrency.SEQUENTIAL));
  }

  @Test
  void aCompletedRunMatchesItsWorkloadExactly() {
    assertThat(StageCheck.differences(Step.A, stateDir, baseDir)).isEmpty();
  }

  @Test
  void missingChangedAndExtraFilesAndLeftoversAreEachReported() throws Exception {
    Files.delete(baseDir.resolve("files/s0/f0.txt"));
    Files.writeString(baseDir.resolve("files/s1/f1.txt"), "other");
    Files.writeString(baseDir.resolve("files/s2/f2.txt.tmp"), "half");
    Files.writeString(stateDir.resolve("crash/dev/journal.jsonl"), "");
    assertThat(StageCheck.differences(Step.A, stateDir, baseDir)).containsExactly(
        "files missing (1): files/s0/f0.txt",
        "files not declared (leaked or left over) (1): files/s2/f2.txt.tmp",
        "files with other content (1): files/s1/f1.txt (\"other\", declared \"A 1\")",
        "files left in the state folder (1): crash/dev/journal.jsonl");
  }

  @Test
  void recordsAreComparedWithTheDeclaredWorkload() {
    // A's records against B's declaration: 80 too many, 40 missing, 80 with other props.
    assertThat(StageCheck.differences(Step.B, stateDir, baseDir))
        .filteredOn(d -> d.startsWith("records"))
        .extracting(d -> d.substring(0, d.indexOf(':')))
        .containsExactly("records missing (40)", "records not declared (80)",
            "records with other props (80)");
  }

  @Test
  void aDestroyedStageHoldsNothingAtAll() {
    // A deployed stage against a destroy: every file, both state files and every record stay.
    assertThat(StageCheck.differences(Step.DESTROY, stateDir, baseDir))
        .extracting(d -> d.substring(0, d.indexOf(':')))
        .containsExactly("files not declared (leaked or left over) (200)",
            "files left in the state folder (2)", "records not declared (200)");
    Alchemy.builder().app(CrashChild.APP).stage(CrashChild.STAGE).stateDir(stateDir)
        .baseDir(baseDir).phase(Phase.DESTROY).quiet(true).build()
        .run(Workload.A.definition(TextFile.provider(), Concurrency.FOR_EACH));
    assertThat(StageCheck.differences(Step.DESTROY, stateDir, baseDir)).isEmpty();
  }
}
