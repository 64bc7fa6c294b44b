package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of alchemy:dev that need no Maven: the in-process compiler and the watcher. */
class DevWatchTest {

  @TempDir
  Path dir;

  @Test
  void compilesAgainstTheOutputFolderAndReportsErrorsWithFileAndLine() throws Exception {
    Path src = dir.resolve("src/p");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    InProcessCompiler compiler = new InProcessCompiler(List.of(classes.toString()), classes, "17",
        StandardCharsets.UTF_8);
    Path a = Files.writeString(src.resolve("A.java"), "package p;\npublic class A {}\n");
    assertThat(compiler.compile(List.of(a)).success()).isTrue();
    assertThat(classes.resolve("p/A.class")).exists();
    // B alone is compiled; A is found in the output folder.
    Path b = Files.writeString(src.resolve("B.java"), "package p;\npublic class B extends A {}\n");
    assertThat(compiler.compile(List.of(b)).success()).isTrue();
    Files.writeString(b, "package p;\npublic class B extends A {\n  int x = \"no\";\n}\n");
    InProcessCompiler.Result failed = compiler.compile(List.of(b));
    assertThat(failed.success()).isFalse();
    assertThat(failed.errors()).singleElement().asString()
        .startsWith(b + ":3: ").contains("incompatible types");
  }

  @Test
  void seesChangesInFoldersCreatedAfterItStarted() throws Exception {
    Path root = dir.resolve("src");
    Files.createDirectories(root);
    try (SourceWatcher watcher = new SourceWatcher(List.of(root))) {
      Path nested = Files.createDirectories(root.resolve("a/b"));
      Path first = Files.writeString(nested.resolve("One.java"), "x");
      Set<Path> changes = watcher.awaitChanges(100);
      // The new folder's files count as changed even when written before it was registered.
      if (!changes.contains(first)) {
        changes = watcher.awaitChanges(100);
      }
      assertThat(changes).contains(first);
      Path second = Files.writeString(nested.resolve("Two.java"), "y");
      assertThat(watcher.awaitChanges(100)).contains(second);
      watcher.discardPending();
    }
  }
}
