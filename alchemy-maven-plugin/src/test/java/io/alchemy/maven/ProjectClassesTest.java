package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the project's classes count as up to date, so that no build runs before a goal. */
class ProjectClassesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path project;
  private Path sources;
  private Path resources;
  private Path pom;
  private Path classes;
  private Path stamp;

  @BeforeEach
  void layOut() throws Exception {
    sources = Files.createDirectories(project.resolve("src/main/java/app"));
    resources = Files.createDirectories(project.resolve("src/main/resources"));
    pom = Files.writeString(project.resolve("pom.xml"), "<project/>");
    classes = project.resolve("target/classes");
    stamp = project.resolve("target/maven-status/alchemy-maven-plugin/classes.stamp");
    at(write(sources.resolve("Infra.java"), "class Infra {}"), 0);
    at(write(resources.resolve("greeting.txt"), "hello"), 0);
    at(sources, 0);
    at(resources, 0);
    at(project.resolve("src/main/java"), 0);
    at(pom, 0);
  }

  private String stale() {
    return ProjectClasses.staleness(List.of(project.resolve("src/main/java"), resources,
        project.resolve("src/main/missing"), pom), classes, stamp, project).orElse(null);
  }

  @Test
  void missingOrEmptyClassesAreStale() throws Exception {
    assertThat(stale()).isEqualTo("target/classes is missing or empty");
    Files.createDirectories(classes.resolve("app"));
    assertThat(stale()).isEqualTo("target/classes is missing or empty");
  }

  @Test
  void classesNewerThanEverySourceAreUpToDate() throws Exception {
    at(write(classes.resolve("app/Infra.class"), "x"), 10);
    assertThat(stale()).isNull();
  }

  @Test
  void aChangedSourceResourceOrPomMakesThemStale() throws Exception {
    at(write(classes.resolve("app/Infra.class"), "x"), 10);
    at(sources.resolve("Infra.java"), 20);
    assertThat(stale()).isEqualTo(Path.of("src/main/java/app/Infra.java")
        + " changed after the last build");
    at(sources.resolve("Infra.java"), 0);
    at(resources.resolve("greeting.txt"), 20);
    assertThat(stale()).isEqualTo(Path.of("src/main/resources/greeting.txt")
        + " changed after the last build");
    at(resources.resolve("greeting.txt"), 0);
    at(pom, 20);
    assertThat(stale()).isEqualTo("pom.xml changed after the last build");
  }

  @Test
  void aDeletedSourceMakesThemStaleThroughItsFolder() throws Exception {
    at(write(classes.resolve("app/Infra.class"), "x"), 10);
    Files.delete(sources.resolve("Infra.java"));
    at(sources, 20); // what deleting does to the folder's time, fixed here for the test
    assertThat(stale()).isEqualTo(Path.of("src/main/java/app") + " changed after the last build");
  }

  @Test
  void theStampOfTheLastBuildCountsAsOutput() throws Exception {
    // A resource copied with its old time, by a build that compiled nothing.
    at(write(classes.resolve("app/Infra.class"), "x"), 10);
    at(resources.resolve("greeting.txt"), 20);
    at(write(stamp, ""), 30);
    assertThat(stale()).isNull();
  }

  @Test
  void aProjectWithoutSourcesHasNothingToBuild() throws Exception {
    Files.delete(sources.resolve("Infra.java"));
    Files.delete(resources.resolve("greeting.txt"));
    assertThat(stale()).isNull();
  }

  private static Path write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static void at(Path path, int seconds) throws Exception {
    Files.setLastModifiedTime(path, FileTime.from(T0.plusSeconds(seconds)));
  }
}
