package io.alchemy.state.s3;

import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.LockWait;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A stage lock in S3: the object {@code lock.json}, created only if absent ({@code If-None-Match:
 * *}), and held with a lease.
 *
 * <ul>
 *   <li>Take: a conditional create. If the object exists, its holder is reported, unless its
 *       lease expired (the holder crashed): then it is deleted with {@code If-Match} on the very
 *       ETag that was judged stale, and the create is tried again. Of several runs doing this,
 *       the conditional create lets exactly one win, on stores that serialize conditional writes
 *       (AWS S3, Cloudflare R2, MinIO).
 *   <li>Hold: a daemon thread renews the lease every third of it with a replace conditional on
 *       the current ETag. If that fails because the object changed or went (force-unlocked, or
 *       taken over after the lease ran out), the lock is lost; if S3 cannot be reached, the lock
 *       counts as lost once a quarter of the lease is left unrenewed. Either way the run's next
 *       write fails rather than overwrite state another run may now own.
 *   <li>Release: a delete conditional on the current ETag, never read-compare-delete; a lock
 *       that was taken over is left to its new holder.
 * </ul>
 */
final class S3StageLock {

  private final S3Client s3;
  private final S3StageKeys keys;
  private final String stageName;
  private final LockInfo info;
  private final Duration lease;
  private final ScheduledExecutorService heartbeat;
  private String etag;
  private long renewedAtNanos;
  private String lostBecause;
  private boolean released;

  private S3StageLock(S3Client s3, S3StageKeys keys, LockInfo info, Duration lease, String etag,
      long takenAtNanos) {
    this.s3 = s3;
    this.keys = keys;
    this.stageName = keys.app() + "/" + keys.stage();
    this.info = info;
    this.lease = lease;
    this.etag = etag;
    this.renewedAtNanos = takenAtNanos;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "alchemy-s3-lock " + stageName);
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1, lease.toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /** Takes the lock, waiting up to {@code timeout} while a live holder has it. */
  static S3StageLock acquire(S3Client s3, S3StageKeys keys, Duration lease, Duration timeout) {
    return LockWait.acquire(timeout, () -> tryOnce(s3, keys, lease));
  }

  private static S3StageLock tryOnce(S3Client s3, S3StageKeys keys, Duration lease) {
    String stageName = keys.app() + "/" + keys.stage();
    // A few rounds cover a holder releasing, or a stale lock being cleared, between two requests.
    for (int round = 0; round < 3; round++) {
      LockInfo info = LockInfo.forThisProcess();
      long start = System.nanoTime();
      try {
        PutObjectResponse created = s3.putObject(put -> put.bucket(keys.bucket()).key(keys.lock())
            .ifNoneMatch("*").contentType("application/json"),
            RequestBody.fromBytes(S3LockObject.body(info, lease)));
        return new S3StageLock(s3, keys, info, lease, created.eTag(), start);
      } catch (S3Exception e) {
        if (!contended(e)) {
          throw failure("take the lock of stage " + stageName, keys, keys.lock(), e);
        }
      } catch (SdkException e) {
        // The create may have landed with only its answer lost: then the lock is ours.
        Optional<S3LockObject> landed = readQuietly(s3, keys, lease);
        if (landed.isPresent() && landed.get().holder() != null
            && landed.get().holder().lockId().equals(info.lockId())) {
          return new S3StageLock(s3, keys, info, lease, landed.get().etag(), start);
        }
        throw failure("take the lock of stage " + stageName, keys, keys.lock(), e);
      }
      Optional<S3LockObject> current = read(s3, keys, lease);
      if (current.isEmpty()) {
        continue;
      }
      S3LockObject lock = current.get();
      if (!lock.expired()) {
        throw new StateLockedException(stageName, lock.holder(), "lock object "
            + keys.url(keys.lock()), crashAdvice(lock), true, Duration.ZERO);
      }
      // The holder let its lease run out: take over, but only the lock judged stale. If it
      // changed meanwhile (renewed, or another run took over first), the delete does nothing.
      try {
        s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(keys.lock())
            .ifMatch(lock.etag()));
      } catch (S3Exception e) {
        if (!contended(e) && e.statusCode() != 404) {
          throw failure("take over the expired lock of stage " + stageName, keys, keys.lock(), e);
        }
      } catch (SdkException e) {
        throw failure("take over the expired lock of stage " + stageName, keys, keys.lock(), e);
      }
    }
    Optional<S3LockObject> last = read(s3, keys, lease);
    throw new StateLockedException(stageName, last.map(S3LockObject::holder).orElse(null),
        "lock object " + keys.url(keys.lock()), last.map(l -> crashAdvice(l))
            .orElse(""), true, Duration.ZERO);
  }

  private static String crashAdvice(S3LockObject lock) {
    return "If that run crashed, its lease (" + lock.lease().toSeconds() + " s) runs out at the"
        + " latest " + lock.lease().minus(lock.age()).plusSeconds(1).toSeconds() + " s from now"
        + " and the next run takes the lock over.";
  }

  /** A conditional request that lost: the object exists, changed, or is being written. */
  static boolean contended(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }

  private static Optional<S3LockObject> readQuietly(S3Client s3, S3StageKeys keys,
      Duration lease) {
    try {
      return read(s3, keys, lease);
    } catch (StateException e) {
      return Optional.empty();
    }
  }

  /** The lock object now, or empty when there is none. */
  static Optional<S3LockObject> read(S3Client s3, S3StageKeys keys, Duration fallbackLease) {
    try {
      return Optional.of(S3LockObject.read(s3.getObjectAsBytes(get -> get.bucket(keys.bucket())
          .key(keys.lock())), fallbackLease));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read the lock of stage " + keys.app() + "/" + keys.stage(), keys,
          keys.lock(), e);
    }
  }

  LockInfo info() {
    return info;
  }

  /** Renews the lease: replaces the object only if it is still the one this run wrote. */
  private synchronized void renew() {
    if (released || lostBecause != null) {
      return;
    }
    long start = System.nanoTime();
    try {
      PutObjectResponse renewed = s3.putObject(put -> put.bucket(keys.bucket()).key(keys.lock())
          .ifMatch(etag).contentType("application/json"),
          RequestBody.fromBytes(S3LockObject.body(info, lease)));
      etag = renewed.eTag();
      renewedAtNanos = start;
    } catch (S3Exception e) {
      if (contended(e) || e.statusCode() == 404) {
        Optional<String> ours = ownEtag();
        if (ours.isPresent()) {
          etag = ours.get(); // an earlier renewal landed but its answer was lost
        } else {
          lostBecause = "the lock object " + keys.url(keys.lock()) + " was replaced or deleted"
              + " (force-unlocked, or taken over after its lease ran out)";
          heartbeat.shutdown();
        }
      }
      // Anything else (throttling, a server error): try again at the next beat.
    } catch (SdkException e) {
      // S3 unreachable for now: try again at the next beat; checkHeld() stops writes in time.
    }
  }

  /**
   * Fails when this run can no longer be sure it holds the lock.
   *
   * @param what what the run was about to do, for the message
   */
  synchronized void checkHeld(String what) {
    if (lostBecause == null) {
      long unrenewed = System.nanoTime() - renewedAtNanos;
      if (unrenewed > lease.toNanos() - lease.toNanos() / 4) {
        lostBecause = "its lease (" + lease.toSeconds() + " s) could not be renewed for "
            + Duration.ofNanos(unrenewed).toSeconds() + " s, so another run may take it over";
        heartbeat.shutdown();
      }
    }
    if (lostBecause == null) {
      confirmOnServer();
    }
    if (lostBecause != null) {
      throw new StateException("The lock of stage " + stageName + " (lock id " + info.lockId()
          + ") was lost: " + lostBecause + ". This run did not " + what + " and writes nothing"
          + " more; another run may hold the stage now. Run again: unfinished work is picked up"
          + " from state.");
    }
  }

  /**
   * Asks S3 whether the lock object is still the one this run wrote (HEAD with If-Match on its
   * ETag), so a run whose lock was force-unlocked or taken over stops before its next write
   * instead of at its next renewal. One request per write is the price of not overwriting
   * another run's state.
   */
  private void confirmOnServer() {
    try {
      s3.headObject(head -> head.bucket(keys.bucket()).key(keys.lock()).ifMatch(etag));
    } catch (S3Exception e) {
      if (contended(e) || e.statusCode() == 404) {
        Optional<String> ours = ownEtag();
        if (ours.isPresent()) {
          etag = ours.get(); // a renewal landed whose answer was lost
        } else {
          lostBecause = "the lock object " + keys.url(keys.lock()) + " was replaced or deleted"
              + " (force-unlocked, or taken over after its lease ran out)";
          heartbeat.shutdown();
        }
      }
      // Anything else: the lease check above still bounds how long writes go on.
    } catch (SdkException e) {
      // S3 unreachable for now: the lease check bounds how long this can go on.
    }
  }

  /** The ETag of the lock object if it still holds this run's lock id. */
  private Optional<String> ownEtag() {
    return readQuietly(s3, keys, lease)
        .filter(lock -> lock.holder() != null && lock.holder().lockId().equals(info.lockId()))
        .map(S3LockObject::etag);
  }

  /** Stops renewing and deletes the lock object if it is still this run's. */
  void release() {
    // Not shutdownNow(): an interrupted renewal could land unseen and leave the ETag unknown.
    heartbeat.shutdown();
    try {
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String current;
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
      // Even a lock judged lost is deleted if it is still this run's version: every delete is
      // conditional, so it can only ever remove this run's own lock.
      current = etag;
    }
    try {
      delete(current);
    } catch (S3Exception e) {
      if (!contended(e)) {
        throw e;
      }
      // Either the lock is someone else's now (taken over or force-unlocked: leave it), or a
      // renewal of ours landed with its answer lost: then delete exactly that version.
      Optional<String> ours = ownEtag();
      if (ours.isPresent()) {
        try {
          delete(ours.get());
        } catch (S3Exception again) {
          if (!contended(again)) {
            throw failure("release the lock of stage " + stageName, keys, keys.lock(), again);
          }
        }
      }
    } catch (SdkException e) {
      throw failure("release the lock of stage " + stageName, keys, keys.lock(), e);
    }
  }

  /**
   * Deletes the lock object if its ETag is {@code etag}; a missing object counts as deleted.
   *
   * @throws S3Exception 412 or 409 when the object is another version
   */
  private void delete(String etag) {
    try {
      s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(keys.lock()).ifMatch(etag));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      if (contended(e)) {
        throw e;
      }
      throw failure("release the lock of stage " + stageName, keys, keys.lock(), e);
    }
  }

  static StateException failure(String what, S3StageKeys keys, String key, SdkException e) {
    String advice = e instanceof S3Exception s3 && s3.statusCode() == 404
        && "NoSuchBucket".equals(s3.awsErrorDetails() == null ? null
            : s3.awsErrorDetails().errorCode())
        ? " The bucket " + keys.bucket() + " does not exist: create it (Alchemy never creates"
            + " buckets) or set another bucket."
        : e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)
            ? " Check the credentials (settings.xml server or AWS environment) and that they may"
                + " read, write and delete objects under " + keys.url(keys.stageFolder()) + "."
            : " Check the endpoint, region and credentials, and that the bucket is reachable.";
    return new StateException("Cannot " + what + " (" + keys.url(key) + "): "
        + message(e) + "." + advice, e);
  }

  private static String message(SdkException e) {
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      return s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + ")";
    }
    return e.getMessage();
  }
}
