package io.alchemy.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessCompilerTest {

  @TempDir
  Path dir;

  @Test
  void compilesAgainstTheOutputFolderAndReportsErrorsWithFileAndLine() throws Exception {
    Path src = dir.resolve("src/p");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    InProcessCompiler compiler = new InProcessCompiler(List.of(classes), classes, "17",
        StandardCharsets.UTF_8);
    Path a = Files.writeString(src.resolve("A.java"), "package p;\npublic class A {}\n");
    InProcessCompiler.Result first = compiler.compile(List.of(a));
    assertThat(first.success()).isTrue();
    assertThat(classes.resolve("p/A.class")).exists();
    assertThat(first.written()).containsExactly(classes.resolve("p/A.class"));
    // B alone is compiled; A is found in the output folder.
    Path b = Files.writeString(src.resolve("B.java"),
        "package p;\npublic class B extends A {\n  Runnable r = () -> {};\n  class Inner {}\n}\n");
    InProcessCompiler.Result second = compiler.compile(List.of(b));
    assertThat(second.success()).isTrue();
    assertThat(second.written()).containsExactlyInAnyOrder(classes.resolve("p/B.class"),
        classes.resolve("p/B$Inner.class"));
    Files.writeString(b, "package p;\npublic class B extends A {\n  int x = \"no\";\n}\n");
    InProcessCompiler.Result failed = compiler.compile(List.of(b));
    assertThat(failed.success()).isFalse();
    assertThat(failed.errors()).singleElement().asString()
        .startsWith(b + ":3: ").contains("incompatible types");
  }
}
