package io.alchemy.maven;

/**
 * The user properties of every parameter, in one place: the mojos' {@code property =} attributes,
 * the error messages and the tests all use these, so a name cannot drift between them.
 */
public final class PropertyNames {

  /** App name: {@code -Dalchemy.app=my-app}. */
  public static final String APP = "alchemy.app";

  /** Stage: {@code -Dalchemy.stage=prod}. */
  public static final String STAGE = "alchemy.stage";

  /** State folder of the filesystem backend: {@code -Dalchemy.stateDir=/srv/alchemy}. */
  public static final String STATE_DIR = "alchemy.stateDir";

  /** Definition class: {@code -Dalchemy.definition=com.example.Infrastructure}. */
  public static final String DEFINITION = "alchemy.definition";

  /** How long to wait for a stage locked by another run: {@code -Dalchemy.lockTimeout=PT10M}. */
  public static final String LOCK_TIMEOUT = "alchemy.lockTimeout";

  /** Local mode flag. */
  public static final String LOCAL = "alchemy.local";

  /** Watch mode flag. */
  public static final String WATCH = "alchemy.watch";

  /** Quiet flag: no per-resource lines. */
  public static final String QUIET = "alchemy.quiet";

  /** Adopt flag: take over resources that exist but are not in state. */
  public static final String ADOPT = "alchemy.adopt";

  /** Force flag: update resources even when their props did not change. */
  public static final String FORCE = "alchemy.force";

  /** Skip flag: do nothing. */
  public static final String SKIP = "alchemy.skip";

  /** The app password that encrypts secrets in state: {@code -Dalchemy.password=...}. */
  public static final String PASSWORD = "alchemy.password";

  /** The settings.xml server holding the app password: {@code -Dalchemy.passwordServerId=prod}. */
  public static final String PASSWORD_SERVER_ID = "alchemy.passwordServerId";

  /** A JSON-lines file of the run's events: {@code -Dalchemy.eventsFile=target/events.jsonl}. */
  public static final String EVENTS_FILE = "alchemy.eventsFile";

  private PropertyNames() {}
}
