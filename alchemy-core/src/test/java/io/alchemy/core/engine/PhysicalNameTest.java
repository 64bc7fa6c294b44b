package io.alchemy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Stages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhysicalNameTest {

  @TempDir Path dir;

  @Test
  void seedExampleInAChildScope() {
    List<String> names = new ArrayList<>();
    new Stages(dir).up(stage -> stage.run("services", s -> {
      names.add(s.createPhysicalName("api"));
      names.add(s.createPhysicalName("api", "_"));
      names.add(s.createPhysicalName("db", "-", 20));
      names.add(s.createPhysicalName("api", "-", 23));
    }));
    assertThat(names.get(0)).isEqualTo("my-app-services-api-dev");
    assertThat(names.get(1)).isEqualTo("my-app_services_api_dev");
    assertThat(names.get(2)).hasSize(20).startsWith("my-app-serv").matches(".*-[0-9a-f]{8}");
    assertThat(names.get(3)).isEqualTo("my-app-services-api-dev");
  }

  @Test
  void theStageScopeHasNoScopePart() {
    List<String> names = new ArrayList<>();
    new Stages(dir).up(stage -> names.add(stage.createPhysicalName("api")));
    assertThat(names).containsExactly("my-app-api-dev");
  }

  @Test
  void truncatedNamesAreDeterministicAndDistinct() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String name = PhysicalName.create("my-app", List.of("services"), "db" + i, "dev", "-", 20);
      assertThat(name.length()).isLessThanOrEqualTo(20);
      assertThat(PhysicalName.create("my-app", List.of("services"), "db" + i, "dev", "-", 20))
          .isEqualTo(name);
      names.add(name);
    }
    assertThat(names).hasSize(2000);
  }

  @Test
  void namesThatPlainTruncationWouldMergeStayApart() {
    String a = PhysicalName.create("my-app", List.of("services"), "db", "dev", "-", 20);
    String b = PhysicalName.create("my-app", List.of("services"), "db", "development", "-", 20);
    String c = PhysicalName.create("my-app", List.of("service"), "s-db", "dev", "-", 20);
    assertThat(Set.of(a, b, c)).hasSize(3);
  }

  @Test
  void disallowedCharactersAreReplacedAndHashedSoTheyCannotCollide() {
    String dotted = PhysicalName.create("my-app", List.of(), "a.b", "dev", "-", Integer.MAX_VALUE);
    String dashed = PhysicalName.create("my-app", List.of(), "a-b", "dev", "-", Integer.MAX_VALUE);
    assertThat(dashed).isEqualTo("my-app-a-b-dev");
    assertThat(dotted).matches("my-app-a-b-dev-[0-9a-f]{8}");
  }

  @Test
  void anyDelimiterWorks() {
    assertThat(PhysicalName.create("app", List.of("x"), "id", "dev", ".", 100))
        .isEqualTo("app.x.id.dev");
    assertThat(PhysicalName.create("app", List.of("x"), "id", "dev", "", 100))
        .isEqualTo("appxiddev");
    assertThat(PhysicalName.create("app", List.of("x"), "id", "dev", "$", 100))
        .isEqualTo("app$x$id$dev");
  }

  @Test
  void aMaximumTooShortForTheHashIsRefused() {
    assertThatThrownBy(() -> PhysicalName.create("app", List.of(), "id", "dev", "-", 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength 9 is too short for a unique physical name of id; use at least 10");
    assertThat(PhysicalName.create("application", List.of(), "identifier", "dev", "-", 10))
        .matches("a-[0-9a-f]{8}");
  }
}
