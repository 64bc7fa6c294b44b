package io.alchemy.state.s3;

import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StateJson;
import io.alchemy.core.state.StateStore;
import io.alchemy.core.state.StateStoreContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link StateStore} contract, against S3Mock shared by the module. Stores here hold a 3 s
 * lease, renewed every second, so a run whose lock was released by force notices within about a
 * second.
 */
@ExtendWith(S3MockServer.class)
class S3StateStoreContractTest extends StateStoreContract {

  private final List<S3StateStore> stores = new ArrayList<>();

  @Override
  protected StateStore newStore() {
    S3StateStore store = new S3StateStore(S3StateConfig.builder(S3MockServer.BUCKET)
        .endpointOverride(S3MockServer.endpoint()).pathStyle(true)
        .credentials("test", Secret.of("test-secret-key")).lease(Duration.ofSeconds(3)).build());
    synchronized (stores) {
      stores.add(store);
    }
    return store;
  }

  /** After the contract closed the states: their locks are released through these clients. */
  @Override
  protected void afterEachTest() {
    synchronized (stores) {
      stores.forEach(S3StateStore::close);
      stores.clear();
    }
  }

  private static String folder(String app, String stage) {
    return "alchemy/" + app + "/" + stage + "/";
  }

  /**
   * Every object of the stage. The lock object is shown by its holder alone: its holder renews
   * it (a new lease expiry and ETag) every second.
   */
  @Override
  protected Map<String, String> stored(String app, String stage) throws Exception {
    Map<String, String> objects = new TreeMap<>();
    String folder = folder(app, stage);
    for (S3Object object : S3MockServer.raw().listObjectsV2Paginator(l -> l
        .bucket(S3MockServer.BUCKET).prefix(folder)).contents()) {
      String body = S3MockServer.object(object.key());
      if (object.key().equals(folder + "lock.json")) {
        body = LockInfo.fromJson(StateJson.mapper().readTree(body)).describe();
      }
      objects.put(object.key().substring(folder.length()), body);
    }
    return objects;
  }

  /** Every object of every stage of the app, by key below the prefix. */
  @Override
  protected Map<String, String> storedForApp(String app) throws Exception {
    Map<String, String> objects = new TreeMap<>();
    for (S3Object object : S3MockServer.raw().listObjectsV2Paginator(l -> l
        .bucket(S3MockServer.BUCKET).prefix("alchemy/" + app + "/")).contents()) {
      objects.put(object.key(), S3MockServer.object(object.key()));
    }
    return objects;
  }

  /** An object cut short. */
  @Override
  protected Corruption corrupt(String app, String stage) {
    String key = folder(app, stage) + "resources/bad.json";
    S3MockServer.putObject(key, "{\"formatVersion\": 1, \"scope\": \"\", \"id\": ");
    return new Corruption("State object s3://" + S3MockServer.BUCKET + "/" + key + " of stage "
        + app + "/" + stage + " is corrupt: it is not valid JSON (",
        "Alchemy changed nothing and left it as it is. Restore it from a backup (an earlier"
            + " version, if the bucket keeps versions) or fix it by hand, then run again.");
  }

  /** The record's object, as a version writing {@code body}'s format version would put it. */
  @Override
  protected String storeRawRecord(String app, String stage, String address, String body) {
    String key = folder(app, stage) + "resources/"
        + URLEncoder.encode(address, StandardCharsets.UTF_8) + ".json";
    S3MockServer.putObject(key, body);
    return "State object s3://" + S3MockServer.BUCKET + "/" + key + " ";
  }

  /**
   * The lock object of a run killed mid-deploy, with a 1 s lease, no longer renewed. It names
   * its holder until its lease ran out and a new run took it over.
   */
  @Override
  protected StaleLock leaveStaleLock(String app, String stage) {
    LockInfo crashed = new LockInfo("crashed-run", "bob (pid 7)", "ci-9",
        Instant.now().minusSeconds(5));
    S3MockServer.putObject(folder(app, stage) + "lock.json",
        crashed.toJson().put("leaseSeconds", 1).toString());
    return new StaleLock(crashed, null);
  }

  @Override
  protected boolean staleLockNamesNoHolder() {
    return false;
  }

  @Override
  protected String lockLostMessageStart(String app, String stage, LockInfo lost, String what) {
    return "The lock of stage " + app + "/" + stage + " (lock id " + lost.lockId() + ") was lost:"
        + " the lock object s3://" + S3MockServer.BUCKET + "/" + folder(app, stage) + "lock.json"
        + " was replaced or deleted (force-unlocked, or taken over after its lease ran out). This"
        + " run did not " + what + " and writes nothing more; another run may hold the stage now."
        + " Run again: unfinished work is picked up from state.";
  }

  @Override
  protected boolean canForceUnlock() {
    return true;
  }

  /** The next renewal (every second) finds the lock object gone or replaced. */
  @Override
  protected Duration lockLossNoticedWithin() {
    // Every write first asks S3 whether the lock object is still this run's (HEAD If-Match).
    return Duration.ZERO;
  }
}
