package it.dev;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-in dev server: writes its pid, says where it listens, and runs until stopped. */
public final class Server {

  private Server() {}

  public static void main(String[] args) throws Exception {
    Path pidFile = Path.of(args[0]);
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()),
        StandardCharsets.UTF_8);
    System.out.println("Local: http://127.0.0.1:5173/");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
