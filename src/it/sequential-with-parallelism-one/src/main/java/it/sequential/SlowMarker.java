package it.sequential;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A marker file under {@code target/markers/} that takes a while to create and to delete, like a
 * cloud resource. It records when each call started and ended (in its output, and for deletions
 * in {@code target/delete.log}), so verify.groovy can tell calls that overlapped from calls that
 * did not. It also checks the order itself: a create fails unless the markers it comes after
 * exist, and a delete fails while a marker that names it still exists.
 *
 * <p>The time a call takes is {@code -Dit.sleepMillis} (default 100 ms).
 */
public final class SlowMarker implements ResourceProvider<SlowMarker.Props, SlowMarker.Output> {

  /**
   * @param name the marker's name, unique in the stage
   * @param after the names of the markers this one depends on
   */
  public record Props(String name, List<String> after) {}

  /**
   * @param name the marker's name
   * @param marker the marker file
   * @param startedMillis when the create call started ({@link System#currentTimeMillis()})
   * @param endedMillis when it ended
   */
  public record Output(String name, String marker, long startedMillis, long endedMillis) {}

  private static final long SLEEP_MILLIS = Long.getLong("it.sleepMillis", 100);

  @Override
  public String type() {
    return "it::SlowMarker";
  }

  @Override
  public Class<Props> propsType() {
    return Props.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    long started = System.currentTimeMillis();
    Path markers = markers(context);
    for (String before : props.after()) {
      if (!Files.exists(markers.resolve(before))) {
        throw new IllegalStateException(context.fqn() + " is created before " + before
            + ", which it depends on");
      }
    }
    Thread.sleep(SLEEP_MILLIS);
    Files.createDirectories(markers);
    Path marker = markers.resolve(props.name());
    Files.write(marker, props.after());
    return new Output(props.name(), marker.toString(), started, System.currentTimeMillis());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output old)
      throws Exception {
    return create(context, newProps);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    long started = System.currentTimeMillis();
    Path markers = markers(context);
    String dependent = dependentOf(markers, props.name());
    if (dependent != null) {
      throw new IllegalStateException(context.fqn() + " is deleted while " + dependent
          + ", which depends on it, still exists");
    }
    Thread.sleep(SLEEP_MILLIS);
    Files.deleteIfExists(markers.resolve(props.name()));
    long ended = System.currentTimeMillis();
    // One write per line, so lines of deletions running at once never interleave.
    Files.writeString(context.resolve(Path.of("target/delete.log")),
        "delete " + context.fqn() + " " + started + " " + ended + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static Path markers(ResourceContext context) {
    return context.resolve(Path.of("target/markers"));
  }

  /** The name of a marker that names {@code name} among what it depends on, or null. */
  private static String dependentOf(Path markers, String name) throws IOException {
    if (!Files.isDirectory(markers)) {
      return null;
    }
    try (Stream<Path> files = Files.list(markers)) {
      for (Path file : files.toList()) {
        try {
          if (Files.readAllLines(file).contains(name)) {
            return file.getFileName().toString();
          }
        } catch (NoSuchFileException e) {
          // deleted meanwhile: it depends on nothing any more
        }
      }
    }
    return null;
  }
}
