package io.alchemy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/maven-plugin.md's table of integration tests lists exactly the ITs in src/it. */
class ItTableTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

  @Test
  void theItTableListsEveryItAndNoOther() throws IOException {
    Path root = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();
    Set<String> its;
    try (Stream<Path> folders = Files.list(root.resolve("src/it"))) {
      its = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .collect(Collectors.toSet());
    }
    String page = Files.readString(root.resolve("docs/maven-plugin.md"));
    // The table runs from its header to the first line that is not a table row.
    String table = page.substring(page.indexOf("| IT | Proves |")).lines()
        .takeWhile(line -> line.startsWith("|")).collect(Collectors.joining("\n"));
    Set<String> listed = ROW.matcher(table).results().map(m -> m.group(1))
        .collect(Collectors.toSet());

    assertThat(its).as("ITs in src/it").isNotEmpty();
    assertThat(listed).as("the IT table of docs/maven-plugin.md").isEqualTo(its);
  }
}
