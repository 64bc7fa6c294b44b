package io.alchemy.core.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a dev server, run by the tests with the same {@code java} that runs them, so no
 * OS tool is assumed. Modes:
 *
 * <ul>
 *   <li>{@code serve PORT}: prints a Vite-like banner with a URL, then waits;
 *   <li>{@code pid}: prints its own pid, then waits;
 *   <li>{@code tree}: starts a child JVM that waits, prints the child's pid, then waits;
 *   <li>{@code fail CODE}: prints a line with the TOKEN environment variable and exits with CODE;
 *   <li>{@code silent}: prints one line that never matches, then waits.
 * </ul>
 */
public final class FakeServer {

  private FakeServer() {}

  /** The command that runs this class in a new JVM with {@code args}. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeServer.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "serve" -> {
        System.out.println("starting");
        System.out.println("  Local:   http://127.0.0.1:" + args[1] + "/");
      }
      case "pid" -> System.out.println("pid " + ProcessHandle.current().pid());
      case "tree" -> {
        Process child = new ProcessBuilder(command("wait")).inheritIO().start();
        System.out.println("child " + child.pid());
      }
      case "fail" -> {
        System.out.println("port in use by " + System.getenv("TOKEN"));
        System.out.flush();
        System.exit(Integer.parseInt(args[1]));
      }
      case "silent" -> System.out.println("waiting");
      case "wait" -> { }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
    Thread.sleep(300_000);
  }
}
