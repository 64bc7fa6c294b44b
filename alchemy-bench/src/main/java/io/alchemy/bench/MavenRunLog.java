package io.alchemy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of one Maven run made with {@link #TIMESTAMPS}, read as the moments the run passes
 * through: Maven's "Scanning for projects", the lifecycle fork of a goal ({@code >>>} to {@code
 * <<<}), the goal's start line ({@code --- alchemy:...}), the goal's first line of its own, the
 * engine's summary ({@code alchemy:up app/stage: ... in N ms}) and {@code BUILD SUCCESS}. The
 * times are wall-clock times of day, as the JVM's {@code -Xlog} {@code time} decoration gives
 * them too, so the two logs of one run line up.
 */
final class MavenRunLog {

  /** What makes Maven (3.9 and 3.8 alike) stamp each line with the time of day. */
  static final List<String> TIMESTAMPS = List.of(
      "-Dorg.slf4j.simpleLogger.showDateTime=true",
      "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

  private static final Pattern LINE =
      Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[(\\w+)\\] ?(.*)$");
  /** The engine's summary as the plugin logs it, e.g. {@code ... 1000 unchanged in 728 ms}. */
  private static final Pattern SUMMARY =
      Pattern.compile("^alchemy:[\\w-]+ \\S+: .* in (\\d+) ms$");
  /** Terminal escapes, which Maven 3.8 writes at the start of a line even in batch mode. */
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
  private static final Pattern XLOG =
      Pattern.compile("^\\[([^\\]]+)\\]\\[(\\d+)ms\\] ?(.*)$");

  /** A line Maven's logger stamped. */
  record Line(LocalTime time, String level, String text) {}

  /** A line of a JVM log written with {@code -Xlog:...:file=...:time,uptimemillis}. */
  record JvmLine(LocalTime time, long uptimeMillis, String text) {

    /** When the JVM started, by this line's clock. */
    LocalTime jvmStart() {
      return time.minusNanos(uptimeMillis * 1_000_000);
    }
  }

  private final List<Line> lines;
  private final List<String> unstamped;

  private MavenRunLog(List<Line> lines, List<String> unstamped) {
    this.lines = lines;
    this.unstamped = unstamped;
  }

  static MavenRunLog read(Path output) throws IOException {
    List<Line> lines = new ArrayList<>();
    List<String> unstamped = new ArrayList<>();
    for (String raw : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      raw = ANSI.matcher(raw).replaceAll("");
      Matcher m = LINE.matcher(raw);
      if (m.matches()) {
        lines.add(new Line(LocalTime.parse(m.group(1)), m.group(2), m.group(3)));
      } else {
        unstamped.add(raw);
      }
    }
    return new MavenRunLog(lines, unstamped);
  }

  /**
   * The lines of a JVM log written with the decorations {@code time,uptimemillis}, e.g. {@code
   * [2026-12-01T17:11:16.697+0000][312ms] java.lang.Object source: shared objects file}, with
   * times converted to this machine's time of day (Maven stamps its lines in local time).
   */
  static List<JvmLine> readJvmLog(Path log) throws IOException {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    ZoneId zone = ZoneId.systemDefault();
    List<JvmLine> out = new ArrayList<>();
    for (String raw : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = XLOG.matcher(raw);
      if (m.matches()) {
        LocalTime time = OffsetDateTime.parse(m.group(1), iso).atZoneSameInstant(zone)
            .toLocalTime();
        out.add(new JvmLine(time, Long.parseLong(m.group(2)), m.group(3)));
      }
    }
    return out;
  }

  List<Line> lines() {
    return lines;
  }

  /** Maven's first line of a build. */
  Optional<LocalTime> scanning() {
    return first("Scanning for projects");
  }

  /** The start of the lifecycle fork of an {@code alchemy:} goal ({@code @Execute}), if any. */
  Optional<LocalTime> forkStart() {
    return lines.stream().filter(l -> l.text().startsWith(">>> alchemy:")).findFirst()
        .map(Line::time);
  }

  /** The end of the fork, if any. */
  Optional<LocalTime> forkEnd() {
    return lines.stream().filter(l -> l.text().startsWith("<<< alchemy:")).findFirst()
        .map(Line::time);
  }

  /** The {@code --- alchemy:...} line Maven logs as the goal starts. */
  Optional<LocalTime> goalStart() {
    return goalStartIndex().map(i -> lines.get(i).time());
  }

  /** The goal's first line of its own: the first non-empty line after its start line. */
  Optional<LocalTime> firstGoalLine() {
    return goalStartIndex().flatMap(i -> lines.subList(i + 1, lines.size()).stream()
        .filter(l -> !l.text().isBlank()).findFirst().map(Line::time));
  }

  /** The engine's summary line, if the goal ran the engine. */
  Optional<Line> engineSummary() {
    return lines.stream().filter(l -> SUMMARY.matcher(l.text()).matches()).findFirst();
  }

  /** The engine's own time, as its summary line says. */
  OptionalLong engineMillis() {
    return engineSummary().map(l -> {
      Matcher m = SUMMARY.matcher(l.text());
      return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }).orElse(OptionalLong.empty());
  }

  Optional<LocalTime> buildSuccess() {
    return first("BUILD SUCCESS");
  }

  /** The first ERROR line, or the last unstamped line, to say why a run failed. */
  String failure() {
    return lines.stream().filter(l -> "ERROR".equals(l.level()) && !l.text().isBlank())
        .map(Line::text).findFirst()
        .orElse(unstamped.isEmpty() ? "(no output)" : unstamped.get(unstamped.size() - 1));
  }

  private Optional<Integer> goalStartIndex() {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).text().startsWith("--- alchemy:")) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private Optional<LocalTime> first(String text) {
    return lines.stream().filter(l -> l.text().startsWith(text)).findFirst().map(Line::time);
  }

  /**
   * Milliseconds from {@code from} to {@code to}, times of day; a negative span is taken to
   * cross midnight.
   */
  static double millisBetween(LocalTime from, LocalTime to) {
    long nanos = Duration.between(from, to).toNanos();
    if (nanos < -Duration.ofHours(12).toNanos()) {
      nanos += Duration.ofDays(1).toNanos();
    }
    return nanos / 1e6;
  }
}
