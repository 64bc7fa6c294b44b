package io.alchemy.core;

/**
 * How Alchemy's messages word the fixes they suggest, in the terms of whatever runs Alchemy. A
 * message says what is wrong and what to change ("run again with adoption on"); the hint says how
 * to change it where the user is: {@code Alchemy.builder().adopt(true)} from Java, which is the
 * default ({@link #api()}), or {@code -Dalchemy.adopt} from Maven, whose plugin passes its own
 * to {@link Alchemy.Builder#hints(Hints)}. Each method returns a fragment to put in a sentence,
 * without a final period.
 */
public interface Hints {

  /** How to turn adoption of existing resources on for the whole run. */
  String adopt();

  /** How to run in local mode. */
  String local();

  /** How to set the app name. */
  String app();

  /** How to set the stage. */
  String stage();

  /** Where the app password can come from. */
  String password();

  /** How to make a run wait for a held stage lock, with an example of ten minutes. */
  String lockTimeout();

  /**
   * How to release the lock of a run that crashed.
   *
   * @param app the app
   * @param stage the stage, without the app
   * @param lockId the holder's lock id, or {@code null} when unknown
   */
  String unlock(String app, String stage, String lockId);

  /** How to copy a stage's state over the state a target store holds already. */
  String overwrite();

  /**
   * How to give the run credentials of {@code kind} for every scope.
   *
   * @param kind e.g. {@code AwsCredentials}
   */
  String credentials(Class<?> kind);

  /**
   * How to install a module that Alchemy finds at run time, e.g. a local server.
   *
   * @param module {@code groupId:artifactId}
   */
  String install(String module);

  /** The wording of the Java API: {@code Alchemy.builder().adopt(true)} and so on. */
  static Hints api() {
    return ApiHints.INSTANCE;
  }
}
