package io.alchemy.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.Alchemy;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StageState;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B changes A in every way a crash round needs: removes, updates, replaces and moves; seeds give
 * every round type with either concurrency.
 */
class WorkloadTest {

  @Test
  void aIsTwoHundredFilesOverTenScopes() {
    assertThat(Workload.A.files()).hasSize(200);
    assertThat(Workload.A.files().stream().map(Workload.File::scope).distinct()).hasSize(10);
    assertThat(Workload.A.contentByPath()).hasSize(200);
  }

  @Test
  void bRemovesUpdatesReplacesAndMovesFortyEach() {
    Map<String, Workload.File> a = Workload.A.byAddress();
    Map<String, Workload.File> b = Workload.B.byAddress();
    long gone = a.keySet().stream().filter(k -> !b.containsKey(k)).count();
    long added = b.keySet().stream().filter(k -> !a.containsKey(k)).count();
    long updated = b.values().stream().filter(f -> a.containsKey(f.address())
        && a.get(f.address()).path().equals(f.path())
        && !a.get(f.address()).content().equals(f.content())).count();
    long replaced = b.values().stream().filter(f -> a.containsKey(f.address())
        && !a.get(f.address()).path().equals(f.path())).count();
    assertThat(gone).isEqualTo(80);     // 40 removed, 40 moved away
    assertThat(added).isEqualTo(40);    // moved in, each to the next scope under a new id
    assertThat(updated).isEqualTo(40);
    assertThat(replaced).isEqualTo(40);
    assertThat(Workload.B.contentByPath()).hasSize(160);
    assertThat(Workload.providerCalls(null, Workload.A)).isEqualTo(200);
    assertThat(Workload.providerCalls(Workload.A, Workload.B)).isEqualTo(240);
    assertThat(Step.DESTROY.providerCalls(Workload.A)).isEqualTo(200);
    assertThat(Step.DESTROY.files()).isEmpty();
  }

  @Test
  void anyTwelveConsecutiveSeedsGiveEveryTypeOnceSequentiallyAndOnceWithForEach() {
    assertThat(RoundType.values()).hasSize(6);
    for (long first : new long[] {0, 1000, -7, 123_456_789}) {
      Set<String> pairs = new HashSet<>();
      for (long seed = first; seed < first + 12; seed++) {
        pairs.add(RoundType.of(seed) + " " + Concurrency.of(seed));
      }
      assertThat(pairs).as("from seed %d", first).hasSize(12);
    }
  }

  @Test
  void forEachDeclaresWhatTheSequentialDefinitionDeclaresInAnotherOrder(@TempDir Path dir) {
    Map<Concurrency, List<String>> predecessors = new EnumMap<>(Concurrency.class);
    for (Concurrency concurrency : Concurrency.values()) {
      Path stateDir = dir.resolve(concurrency + "-state");
      Path baseDir = dir.resolve(concurrency + "-base");
      Alchemy.builder().app(CrashChild.APP).stage(CrashChild.STAGE).stateDir(stateDir)
          .baseDir(baseDir).parallelism(concurrency.parallelism()).quiet(true).build()
          .run(Workload.B.definition(TextFile.provider(), concurrency));
      assertThat(StageCheck.differences(Step.B, stateDir, baseDir)).as("%s", concurrency)
          .isEmpty();
      try (StageState state = new FileSystemStateStore(stateDir)
          .open(CrashChild.APP, CrashChild.STAGE, AccessMode.READ)) {
        predecessors.put(concurrency, state.resources().get("s1/f1").predecessors());
      }
    }
    // Scope s1's first file: in sequence it comes after s0's last one; with forEach after
    // nothing, which is what lets a destroy delete the scopes in parallel.
    List<Workload.File> s0 = Workload.B.files().stream().filter(f -> f.scope().equals("s0"))
        .toList();
    assertThat(predecessors.get(Concurrency.SEQUENTIAL))
        .containsExactly(s0.get(s0.size() - 1).address());
    assertThat(predecessors.get(Concurrency.FOR_EACH)).isEmpty();
  }
}
