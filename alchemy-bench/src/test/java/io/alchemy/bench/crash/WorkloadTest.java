package io.alchemy.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** B changes A in every way a crash round needs: removes, updates, replaces and moves. */
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
  }
}
