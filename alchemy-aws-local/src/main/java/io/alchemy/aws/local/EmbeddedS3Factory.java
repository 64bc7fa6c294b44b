package io.alchemy.aws.local;

import com.adobe.testing.s3mock.S3MockApplication;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.local.LocalServer;
import io.alchemy.core.local.LocalServerContext;
import io.alchemy.core.local.LocalServerFactory;
import io.alchemy.core.local.RememberedPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Adobe S3Mock, an S3-compatible server, in this JVM for local mode. Its buckets and
 * objects live in the session's data directory and are kept when the session ends, so what the
 * local state records is still there next time; delete the directory (or {@code mvn clean},
 * together with the local state) to start afresh. It listens on plain HTTP and accepts any access
 * key. The port of the previous session is used again when it is free.
 *
 * <p>Its data is fingerprinted by every file and folder under {@code buckets} (name, identity,
 * size, time of change): a single run finds the buckets and objects the local state recorded
 * unchanged without starting S3Mock when nothing there changed since the last run.
 */
public final class EmbeddedS3Factory implements LocalServerFactory<S3Endpoint> {

  // Spring Boot would take over logging; in Maven's JVM the logging is Maven's.
  private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";
  // What Spring, Tomcat and S3Mock say at INFO while starting is not the user's business: the
  // engine reports the start in one line. Maven's logger (slf4j-simple) reads these properties
  // when a logger is created; Tomcat logs through java.util.logging.
  private static final List<String> QUIET_SLF4J = List.of("org.springframework",
      "org.apache", "com.adobe.testing.s3mock");
  // Strong references: java.util.logging forgets the level of a logger nobody holds.
  private static final List<Logger> QUIET_JUL = List.of(Logger.getLogger("org.apache"),
      Logger.getLogger("org.springframework"));
  // When S3Mock stops, Tomcat sometimes warns, with a stack trace, that S3Mock's own task thread
  // is still parked in its pool: a library's leftover that stays parked until the JVM ends,
  // nothing the user can act on.
  private static final Logger TOMCAT_THREAD_CHECK =
      Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  /** For {@link java.util.ServiceLoader}. */
  public EmbeddedS3Factory() {}

  @Override
  public Class<S3Endpoint> credentialsType() {
    return S3Endpoint.class;
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public LocalServer<S3Endpoint> start(LocalServerContext context) throws Exception {
    Path data = context.dataDirectory();
    RememberedPort port = new RememberedPort(data);
    Path buckets = data.resolve("buckets");
    Files.createDirectories(buckets);
    int previousPort = port.ifFree();
    Map<String, Object> properties = new HashMap<>();
    properties.put(S3MockApplication.PROP_HTTP_PORT, previousPort);
    properties.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
    properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, buckets.toString());
    properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", true);
    properties.put(S3MockApplication.PROP_SILENT, true);
    properties.put("spring.main.banner-mode", "off");
    properties.put("spring.main.log-startup-info", false);
    // Its hook would run after Maven closed the plugin's class loader; the session stops it.
    properties.put("spring.main.register-shutdown-hook", false);
    quietLogging();
    String loggingSystem = System.getProperty(LOGGING_SYSTEM);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    S3MockApplication s3mock;
    try {
      if (loggingSystem == null) {
        System.setProperty(LOGGING_SYSTEM, "none");
      }
      // Spring finds its configuration through the context class loader.
      thread.setContextClassLoader(EmbeddedS3Factory.class.getClassLoader());
      s3mock = S3MockApplication.start(properties);
    } finally {
      thread.setContextClassLoader(previous);
      if (loggingSystem == null) {
        System.clearProperty(LOGGING_SYSTEM);
      }
    }
    port.remember(s3mock.getHttpPort());
    Files.writeString(context.logFile(), Instant.now() + " S3Mock started on port "
        + s3mock.getHttpPort() + ", buckets in " + buckets + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    // A fixed port is the remembered one, or the start failed: then it listens as before.
    return new EmbeddedS3Server(s3mock, buckets, previousPort != 0);
  }

  /**
   * Every file and folder under {@code buckets}: relative path, identity, size and time of change.
   * Deleting a bucket or an object by hand changes its folder's time; empty without the folder.
   */
  @Override
  public Optional<String> fingerprint(Path dataDirectory) throws IOException {
    Path buckets = dataDirectory.resolve("buckets");
    if (!Files.isDirectory(buckets)) {
      return Optional.empty();
    }
    List<String> entries = new ArrayList<>();
    Files.walkFileTree(buckets, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        entries.add(entry(buckets, dir, attributes));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        entries.add(entry(buckets, file, attributes));
        return FileVisitResult.CONTINUE;
      }
    });
    // The order of a walk is the file system's: sorted, so the same tree reads the same.
    Collections.sort(entries);
    return Optional.of(String.join("\n", entries));
  }

  private static String entry(Path root, Path path, BasicFileAttributes attributes) {
    return root.relativize(path) + " " + attributes.fileKey() + " " + attributes.size() + " "
        + attributes.lastModifiedTime().toInstant();
  }

  @Override
  public boolean previousAddressFree(LocalServerContext context) {
    return new RememberedPort(context.dataDirectory()).isFree();
  }

  private static void quietLogging() {
    for (String prefix : QUIET_SLF4J) {
      String property = "org.slf4j.simpleLogger.log." + prefix;
      if (System.getProperty(property) == null) {
        System.setProperty(property, "warn");
      }
    }
    for (Logger logger : QUIET_JUL) {
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
      }
    }
    if (TOMCAT_THREAD_CHECK.getLevel() == null) {
      TOMCAT_THREAD_CHECK.setLevel(Level.SEVERE);
    }
  }


}
