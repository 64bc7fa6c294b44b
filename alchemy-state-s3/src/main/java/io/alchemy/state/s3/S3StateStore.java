package io.alchemy.state.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.LockWait;
import io.alchemy.core.state.RecordJson;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import io.alchemy.core.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps state in an S3 bucket (or an S3-compatible store: MinIO, Cloudflare R2, ...), one object
 * per record, laid out as {@link S3StageKeys} describes. Opening a stage lists its objects and
 * reads them; each write puts or deletes one object.
 *
 * <p>Locking: a run that writes holds the stage's lock object for its whole run, renewing its
 * lease (see {@link S3StageLock}). The lock relies on the store's atomic conditional writes
 * ({@code If-None-Match: *} and {@code If-Match}), which AWS S3, Cloudflare R2 and MinIO provide.
 * Stages have their own lock objects, so stages sharing a bucket never block each other. A {@link
 * AccessMode#LOCKED_READ locked reader} (a plan) holds the lock the same way and writes nothing
 * else, not even the snapshot; a stage without any object is read without a lock, so that it
 * stays without one.
 *
 * <pre>{@code
 * try (S3StateStore store = new S3StateStore(S3StateConfig.builder("my-team-state")
 *     .region("eu-central-1").build())) {
 *   Alchemy.builder().app("my-app").stage("prod").stateStore(store).build().run(definition);
 * }
 * }</pre>
 */
public final class S3StateStore implements StateStore, AutoCloseable {

  private static final ObjectMapper MAPPER = StateJson.mapper();

  /** Reads of one stage's objects in flight at once, at open. */
  private static final int PARALLEL_READS = 8;

  private final S3StateConfig config;
  private final S3Client s3;
  private final boolean ownsClient;

  /** A store using {@code config}, with its own S3 client. */
  public S3StateStore(S3StateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.s3 = client(config);
    this.ownsClient = true;
  }

  /** A store using {@code config}'s bucket, prefix and lease through a client of the caller's. */
  public S3StateStore(S3StateConfig config, S3Client s3) {
    this.config = Objects.requireNonNull(config, "config");
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.ownsClient = false;
  }

  private static S3Client client(S3StateConfig config) {
    S3ClientBuilder builder = S3Client.builder()
        // Named, so that another HTTP client on the class path (a test server's) changes nothing.
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .forcePathStyle(config.pathStyle())
        .credentialsProvider(credentials(config));
    if (config.region() != null) {
      builder.region(Region.of(config.region()));
    } else if (config.endpointOverride() != null) {
      builder.region(Region.US_EAST_1);
    }
    if (config.endpointOverride() != null) {
      builder.endpointOverride(config.endpointOverride())
          // S3-compatible stores differ in which of the newer default checksums they accept.
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    try {
      return builder.build();
    } catch (SdkException e) {
      throw new StateException("Cannot set up the S3 client for state in bucket "
          + config.bucket() + ": " + e.getMessage() + ". Set the region (<s3><region> or -Dalchemy.s3.region, or"
          + " AWS_REGION) and the credentials.", e);
    }
  }

  private static AwsCredentialsProvider credentials(S3StateConfig config) {
    if (config.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(),
        config.secretAccessKey().reveal()));
  }

  /** The configuration, as given. */
  public S3StateConfig config() {
    return config;
  }

  private S3StageKeys keys(String app, String stage) {
    return new S3StageKeys(config.bucket(), config.prefix(), app, stage);
  }

  @Override
  public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
    LockWait.checkTimeout(lockTimeout);
    S3StageKeys keys = keys(app, stage);
    // A locked reader of a stage that holds no object at all (no record, no lock) finds nothing
    // to hold still, and leaves it that way: taking the lock would create its object.
    boolean locked = mode == AccessMode.WRITE
        || (mode == AccessMode.LOCKED_READ && holdsAnything(keys));
    S3StageLock lock = locked ? S3StageLock.acquire(s3, keys, config.lease(), lockTimeout) : null;
    try {
      Map<String, ResourceRecord> resources = new HashMap<>();
      Map<String, ScopeRecord> scopes = new HashMap<>();
      Map<String, S3StageSnapshot.Entry> snapshot = S3StageSnapshot.read(s3, keys);
      Map<String, S3StageSnapshot.Entry> objects = new HashMap<>();
      objects.putAll(readAll(keys, keys.resources(), snapshot));
      Map<String, S3StageSnapshot.Entry> scopeObjects = readAll(keys, keys.scopes(), snapshot);
      objects.putAll(scopeObjects);
      for (Map.Entry<String, S3StageSnapshot.Entry> object : objects.entrySet()) {
        if (scopeObjects.containsKey(object.getKey())) {
          ScopeRecord record = readScope(keys, object.getKey(), object.getValue().body());
          scopes.put(record.scope(), record);
        } else {
          ResourceRecord record = readResource(keys, object.getKey(), object.getValue().body());
          resources.put(record.address(), record);
        }
      }
      // Anything read past the copy, or in it but gone: the next close writes a fresh one.
      boolean snapshotCurrent = snapshot.keySet().equals(objects.keySet())
          && objects.entrySet().stream().allMatch(o -> o.getValue() == snapshot.get(o.getKey()));
      return new S3StageState(s3, keys, resources, scopes, objects, !snapshotCurrent, lock,
          mode == AccessMode.WRITE);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      throw e;
    }
  }

  /** Whether any object lies in the stage's folder: a record, the snapshot or a lock. */
  private boolean holdsAnything(S3StageKeys keys) {
    try {
      return !s3.listObjectsV2(list -> list.bucket(keys.bucket()).prefix(keys.stageFolder())
          .maxKeys(1)).contents().isEmpty();
    } catch (SdkException e) {
      throw S3StageLock.failure("list the state of stage " + keys.app() + "/" + keys.stage(),
          keys, keys.stageFolder(), e);
    }
  }

  /**
   * Every record object under {@code folder}, by key, with its ETag: from {@code snapshot} where
   * the listed ETag matches, else read, several at a time.
   */
  private Map<String, S3StageSnapshot.Entry> readAll(S3StageKeys keys, String folder,
      Map<String, S3StageSnapshot.Entry> snapshot) {
    Map<String, String> listed = new HashMap<>();
    try {
      s3.listObjectsV2Paginator(list -> list.bucket(keys.bucket()).prefix(folder)).contents()
          .stream().filter(object -> object.key().endsWith(".json"))
          .forEach(object -> listed.put(object.key(), S3StageSnapshot.etag(object.eTag())));
    } catch (SdkException e) {
      throw S3StageLock.failure("list the state of stage " + keys.app() + "/" + keys.stage(),
          keys, folder, e);
    }
    Map<String, S3StageSnapshot.Entry> entries = new HashMap<>();
    List<String> toRead = new ArrayList<>();
    listed.forEach((key, etag) -> {
      S3StageSnapshot.Entry copy = snapshot.get(key);
      if (copy != null && etag != null && etag.equals(copy.etag())) {
        entries.put(key, copy);
      } else {
        toRead.add(key);
      }
    });
    if (toRead.isEmpty()) {
      return entries;
    }
    ExecutorService readers = Executors.newFixedThreadPool(
        Math.min(PARALLEL_READS, toRead.size()), runnable -> {
          Thread thread = new Thread(runnable, "alchemy-s3-read");
          thread.setDaemon(true);
          return thread;
        });
    try {
      Map<String, Future<S3StageSnapshot.Entry>> reads = new HashMap<>();
      for (String key : toRead) {
        reads.put(key, readers.submit(() -> read(keys, key)));
      }
      for (Map.Entry<String, Future<S3StageSnapshot.Entry>> read : reads.entrySet()) {
        S3StageSnapshot.Entry entry = read.getValue().get();
        if (entry != null) {
          entries.put(read.getKey(), entry);
        }
      }
      return entries;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StateException("Cannot read the state of stage " + keys.app() + "/"
          + keys.stage() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("Interrupted while reading the state of stage " + keys.app()
          + "/" + keys.stage() + ".", e);
    } finally {
      readers.shutdownNow();
    }
  }

  /** One object's bytes and ETag; {@code null} when it went between listing and reading. */
  private S3StageSnapshot.Entry read(S3StageKeys keys, String key) {
    try {
      var object = s3.getObjectAsBytes(get -> get.bucket(keys.bucket()).key(key));
      return new S3StageSnapshot.Entry(S3StageSnapshot.etag(object.response().eTag()),
          object.asByteArray());
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw S3StageLock.failure("read a state record", keys, key, e);
    }
  }

  private ResourceRecord readResource(S3StageKeys keys, String key, byte[] body) {
    JsonNode tree = tree(keys, key, body);
    ResourceRecord record;
    try {
      record = RecordJson.resource(tree);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(keys, key, "it is not a resource record (" + e.getMessage() + ")", e);
    }
    if (record.type() == null || record.status() == null) {
      throw corrupt(keys, key, "it has no type or status", null);
    }
    if (!keys.resource(record.address()).equals(key)) {
      throw corrupt(keys, key, "it holds the record of " + record.address(), null);
    }
    return record;
  }

  private ScopeRecord readScope(S3StageKeys keys, String key, byte[] body) {
    JsonNode tree = tree(keys, key, body);
    ScopeRecord record;
    try {
      record = RecordJson.scope(tree);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(keys, key, "it is not a scope record (" + e.getMessage() + ")", e);
    }
    if (record.scope() == null || !keys.scope(record.scope()).equals(key)) {
      throw corrupt(keys, key, "it holds the record of scope '" + record.scope() + "'", null);
    }
    return record;
  }

  private JsonNode tree(S3StageKeys keys, String key, byte[] body) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw corrupt(keys, key, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw corrupt(keys, key, "it cannot be read (" + e.getMessage() + ")", e);
    }
    if (tree == null || !tree.isObject()) {
      throw corrupt(keys, key, "it does not hold a JSON object", null);
    }
    JsonNode version = tree.path("formatVersion");
    if (!version.canConvertToInt()) {
      throw corrupt(keys, key, "it has no formatVersion", null);
    }
    if (version.asInt() > ResourceRecord.FORMAT_VERSION) {
      throw new StateException("State object " + keys.url(key) + " has format version "
          + version.asInt() + ", written by a newer Alchemy; this one reads up to version "
          + ResourceRecord.FORMAT_VERSION + ". Upgrade the plugin to use this stage.");
    }
    return tree;
  }

  private static CorruptStateException corrupt(S3StageKeys keys, String key, String what,
      Throwable cause) {
    return new CorruptStateException("State object " + keys.url(key) + " of stage " + keys.app()
        + "/" + keys.stage() + " is corrupt: " + what + ". Alchemy changed nothing and left it as"
        + " it is. Restore it from a backup (an earlier version, if the bucket keeps versions) or"
        + " fix it by hand, then run again.", cause);
  }

  @Override
  public Optional<LockInfo> lockHolder(String app, String stage) {
    return S3StageLock.read(s3, keys(app, stage), config.lease())
        .map(S3LockObject::holder);
  }

  /**
   * Deletes the lock object with {@code If-Match} on the ETag of the lock that was checked, so
   * only that lock goes. The old holder notices at its next renewal and its next write fails.
   *
   * @throws StateException when the stage is not locked or {@code lockId} is not the holder's
   */
  @Override
  public void forceUnlock(String app, String stage, String lockId) {
    S3StageKeys keys = keys(app, stage);
    String stageName = app + "/" + stage;
    String where = "lock object " + keys.url(keys.lock());
    S3LockObject lock = S3StageLock.read(s3, keys, config.lease()).orElseThrow(() ->
        new StateException("Stage " + stageName + " is not locked (no " + where + "), so there"
            + " is nothing to unlock. Run again."));
    if (lock.holder() == null || !lock.holder().lockId().equals(lockId)) {
      throw new StateException("Lock id " + lockId + " is not the lock on stage " + stageName
          + ", which is " + (lock.holder() == null ? "unreadable" : lock.holder().describe())
          + " (" + where + "). Nothing was unlocked. Check the lock id; the lock may have changed"
          + " hands since.");
    }
    try {
      s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(keys.lock()).ifMatch(lock.etag()));
    } catch (S3Exception e) {
      if (S3StageLock.contended(e) || e.statusCode() == 404) {
        throw new StateException("The lock on stage " + stageName + " changed while it was being"
            + " unlocked (" + where + "); nothing was unlocked. Look at the lock again and retry"
            + " with its current id if it is still stuck.", e);
      }
      throw S3StageLock.failure("force-unlock stage " + stageName, keys, keys.lock(), e);
    } catch (SdkException e) {
      throw S3StageLock.failure("force-unlock stage " + stageName, keys, keys.lock(), e);
    }
  }

  /** Closes the S3 client, if this store made it. Locks are released by their states. */
  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }

  /** Shows the configuration without secrets. */
  @Override
  public String toString() {
    return "S3StateStore[" + config + "]";
  }
}
