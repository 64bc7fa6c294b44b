package io.alchemy.maven.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an IT's {@code verify.groovy} checks after its Maven runs: the text of {@code build.log}
 * and the stage state files under {@code target/alchemy/state}. A failed check names the missing
 * text instead of printing the whole log.
 *
 * <pre>{@code
 * def build = BuildLog.of(basedir)
 * build.has('alchemy:up my-app/dev: 2 created')
 * assert build.state('my-app', 'dev').resources*.fqn == ['my-app/dev/readme']
 * }</pre>
 */
public final class BuildLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final File basedir;
  private final String text;

  private BuildLog(File basedir, String text) {
    this.basedir = basedir;
    this.text = text;
  }

  /** The build log of the IT in {@code basedir}. */
  public static BuildLog of(File basedir) throws IOException {
    return new BuildLog(basedir,
        Files.readString(new File(basedir, "build.log").toPath(), StandardCharsets.UTF_8));
  }

  /** The whole log. */
  public String text() {
    return text;
  }

  /** Fails unless the log contains {@code part}. */
  public void has(String part) {
    if (!text.contains(part)) {
      throw new AssertionError("build.log lacks: " + part);
    }
  }

  /** Fails if the log contains {@code part}. */
  public void lacks(String part) {
    if (text.contains(part)) {
      throw new AssertionError("build.log has: " + part);
    }
  }

  /** Fails unless some part of the log matches {@code regex}. */
  public void matches(String regex) {
    if (!Pattern.compile(regex).matcher(text).find()) {
      throw new AssertionError("build.log lacks a match of: " + regex);
    }
  }

  /** Fails if some part of the log matches {@code regex}. */
  public void lacksMatch(String regex) {
    if (Pattern.compile(regex).matcher(text).find()) {
      throw new AssertionError("build.log has a match of: " + regex);
    }
  }

  /**
   * Fails unless the folders {@code before} and {@code after} (relative to the IT's folder) hold
   * the same files, byte for byte, and {@code before} holds any: what a goal that must change
   * nothing is checked with.
   *
   * @return the files' paths relative to the folders, for checks of what was compared
   */
  public Set<String> sameFiles(String before, String after) throws IOException {
    Map<String, byte[]> was = files(new File(basedir, before).toPath());
    Map<String, byte[]> is = files(new File(basedir, after).toPath());
    if (was.isEmpty()) {
      throw new AssertionError("no files in " + before);
    }
    if (!was.keySet().equals(is.keySet())) {
      throw new AssertionError(before + " holds " + was.keySet() + " but " + after + " holds "
          + is.keySet());
    }
    for (Map.Entry<String, byte[]> file : was.entrySet()) {
      if (!Arrays.equals(file.getValue(), is.get(file.getKey()))) {
        throw new AssertionError(file.getKey() + " differs between " + before + " and " + after);
      }
    }
    return was.keySet();
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> found = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        found.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return found;
  }

  /**
   * The filesystem state of a stage ({@code target/alchemy/state/<app>/<stage>/state.json}) as
   * maps and lists, or {@code null} when there is none.
   */
  public Map<?, ?> state(String app, String stage) throws IOException {
    File file = new File(basedir, "target/alchemy/state/" + app + "/" + stage + "/state.json");
    return file.exists() ? JSON.readValue(file, Map.class) : null;
  }
}
