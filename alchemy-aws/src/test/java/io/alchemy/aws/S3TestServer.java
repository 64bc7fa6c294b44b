package io.alchemy.aws;

import com.adobe.testing.s3mock.S3MockApplication;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the tests: Adobe S3Mock, started in-process once for all test classes,
 * behind a small HTTP relay that the providers talk to.
 *
 * <p>The relay passes every request through to S3Mock unchanged, with two additions: it logs each
 * request (so tests can prove that a no-op run sends no mutating request, and in which order
 * things were deleted), and it serves bucket tagging ({@code ?tagging} on a bucket), which S3Mock
 * does not implement (its controller has no such mapping: a PUT would be taken for CreateBucket).
 * Everything else the providers do is answered by S3Mock itself.
 */
final class S3TestServer implements BeforeAllCallback {

  private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection",
      "expect", "upgrade", "date", "via", "warning", "from", "origin", "referer",
      "transfer-encoding", "keep-alive");

  /**
   * Buckets whose names start with this behave as in a store without bucket tagging (some
   * S3-compatible stores): {@code ?tagging} answers 501 NotImplemented.
   */
  static final String NO_TAGGING = "notag";

  /** Requests from the tests' own client carry this header and stay out of the log. */
  static final String UNLOGGED = "x-test-unlogged";

  private static Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (S3TestServer.class) {
      if (running == null) {
        running = new Running();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .put(S3TestServer.class.getName(), new Stopper());
      }
    }
  }

  /** Stops the server when JUnit closes its root store, after the last test class. */
  @SuppressWarnings("deprecation")
  private static final class Stopper implements ExtensionContext.Store.CloseableResource,
      AutoCloseable {
    @Override
    public void close() {
      synchronized (S3TestServer.class) {
        if (running != null) {
          running.close();
          running = null;
        }
      }
    }
  }

  /** The endpoint the providers use: the relay. */
  static URI endpoint() {
    return running.relayUri;
  }

  /** A client for the tests' own checks, through the relay but not logged. */
  static S3Client raw() {
    return running.raw;
  }

  /** The requests the providers sent since the last {@link #clearLog()}, e.g. {@code PUT /b/k}. */
  static List<String> log() {
    synchronized (running.log) {
      return List.copyOf(running.log);
    }
  }

  /** Only the requests that change something: PUT, POST and DELETE. */
  static List<String> mutations() {
    return log().stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("HEAD ")).toList();
  }

  static void clearLog() {
    running.log.clear();
  }

  private static final class Running implements AutoCloseable {
    final S3MockApplication s3mock;
    final HttpServer relay;
    final ExecutorService executor = Executors.newFixedThreadPool(4);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final URI upstream;
    final URI relayUri;
    final S3Client raw;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Map<String, byte[]> tags = new ConcurrentHashMap<>();

    Running() {
      s3mock = S3MockApplication.start(new HashMap<>(Map.of(
          S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
          S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
          S3MockApplication.PROP_SILENT, true)));
      upstream = URI.create("http://localhost:" + s3mock.getHttpPort());
      try {
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      relay.createContext("/", this::handle);
      relay.setExecutor(executor);
      relay.start();
      relayUri = URI.create("http://127.0.0.1:" + relay.getAddress().getPort());
      raw = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
          .endpointOverride(relayUri).forcePathStyle(true).region(Region.US_EAST_1)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
          .overrideConfiguration(o -> o.putHeader(UNLOGGED, "1"))
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create("test", "test")))
          .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestHeaders().getFirst(UNLOGGED) == null) {
          log.add(method + " " + path + (query == null ? "" : "?" + query));
        }
        String bucket = bucketOnly(path);
        if (bucket != null && bucket.startsWith(NO_TAGGING) && hasParam(query, "tagging")) {
          exchange.getResponseHeaders().set("Content-Type", "application/xml");
          send(exchange, 501, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
              + "NotImplemented</Code><Message>Bucket tagging is not implemented</Message>"
              + "</Error>").getBytes(StandardCharsets.UTF_8));
          return;
        }
        if (bucket != null && hasParam(query, "tagging")) {
          tagging(exchange, method, bucket, body);
          return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(upstream + path + (query == null ? "" : "?" + query)))
            .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
          if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            values.forEach(v -> request.header(name, v));
          }
        });
        HttpResponse<byte[]> response;
        try {
          response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        if (bucket != null && method.equals("DELETE") && query == null
            && response.statusCode() == 204) {
          tags.remove(bucket);
        }
        response.headers().map().forEach((name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!lower.startsWith(":") && !lower.equals("transfer-encoding")
              && !lower.equals("connection")
              && (!lower.equals("content-length") || method.equals("HEAD"))) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
        send(exchange, response.statusCode(), method.equals("HEAD") ? new byte[0]
            : response.body());
      }
    }

    private void tagging(HttpExchange exchange, String method, String bucket, byte[] body)
        throws IOException {
      switch (method) {
        case "PUT" -> {
          tags.put(bucket, body);
          send(exchange, 200, new byte[0]);
        }
        case "DELETE" -> {
          tags.remove(bucket);
          send(exchange, 204, new byte[0]);
        }
        default -> {
          byte[] stored = tags.get(bucket);
          exchange.getResponseHeaders().set("Content-Type", "application/xml");
          if (stored == null) {
            send(exchange, 404, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + "NoSuchTagSet</Code><Message>The TagSet does not exist</Message></Error>")
                .getBytes(StandardCharsets.UTF_8));
          } else {
            send(exchange, 200, stored);
          }
        }
      }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    /** The bucket when {@code path} names a bucket and no key, else {@code null}. */
    private static String bucketOnly(String path) {
      String trimmed = path.startsWith("/") ? path.substring(1) : path;
      if (trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      return trimmed.isEmpty() || trimmed.contains("/") ? null : trimmed;
    }

    private static boolean hasParam(String query, String name) {
      if (query == null) {
        return false;
      }
      for (String part : query.split("&")) {
        if (part.equals(name) || part.startsWith(name + "=")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() {
      raw.close();
      relay.stop(0);
      executor.shutdownNow();
      s3mock.stop();
    }
  }
}
