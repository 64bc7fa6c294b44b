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

  /**
   * Watch mode: {@code alchemy:up -Dalchemy.watch} deploys, then redeploys after every change
   * until stopped, as {@code alchemy:dev} does locally.
   */
  public static final String WATCH = "alchemy.watch";

  /**
   * Watch mode ({@code alchemy:dev}, {@code alchemy:up -Dalchemy.watch}) ends by itself after
   * this many runs (the first deploy included), as if stopped; for tests. Default: 0, watch until
   * Ctrl-C.
   */
  public static final String WATCH_MAX_RUNS = "alchemy.watch.maxRuns";

  /** Watch mode: how long no further change must come before a redeploy, in ms. */
  public static final String WATCH_DEBOUNCE = "alchemy.watch.debounceMillis";

  /** Quiet flag: no per-resource lines. */
  public static final String QUIET = "alchemy.quiet";

  /** Adopt flag: take over resources that exist but are not in state. */
  public static final String ADOPT = "alchemy.adopt";

  /** Force flag: update resources even when their props did not change. */
  public static final String FORCE = "alchemy.force";

  /**
   * How many provider calls run at once, and how many deletions: {@code
   * -Dalchemy.parallelism=4}; 1 runs everything one at a time, in the order written.
   */
  public static final String PARALLELISM = "alchemy.parallelism";

  /** Skip flag: do nothing. */
  public static final String SKIP = "alchemy.skip";

  /** The app password that encrypts secrets in state: {@code -Dalchemy.password=...}. */
  public static final String PASSWORD = "alchemy.password";

  /** The settings.xml server holding the app password: {@code -Dalchemy.passwordServerId=prod}. */
  public static final String PASSWORD_SERVER_ID = "alchemy.passwordServerId";

  /** A JSON-lines file of the run's events: {@code -Dalchemy.eventsFile=target/events.jsonl}. */
  public static final String EVENTS_FILE = "alchemy.eventsFile";

  /** The state backend: {@code -Dalchemy.backend=postgres} ({@code filesystem}, {@code s3}). */
  public static final String BACKEND = "alchemy.backend";

  /**
   * Where {@code alchemy:plan} writes its plan as JSON: {@code
   * -Dalchemy.planFile=target/alchemy/plan.json}.
   */
  public static final String PLAN_FILE = "alchemy.planFile";

  /**
   * Refresh flag: read every deployed resource live to find drift, which {@code plan} shows and
   * {@code up} repairs.
   */
  public static final String REFRESH = "alchemy.refresh";

  /** {@code alchemy:plan} fails the build when {@code up} would change anything. */
  public static final String FAIL_ON_CHANGES = "alchemy.failOnChanges";

  /**
   * The approved plan {@code alchemy:up} applies, and nothing else: {@code
   * -Dalchemy.plan=target/alchemy/plan.json}.
   */
  public static final String PLAN = "alchemy.plan";

  /**
   * Resources {@code alchemy:up} and {@code alchemy:plan} replace although their props did not
   * change, by FQN: {@code -Dalchemy.replace=my-app/prod/db,my-app/prod/cache}.
   */
  public static final String REPLACE = "alchemy.replace";

  /** The lock {@code alchemy:unlock} releases: {@code -Dalchemy.lockId=6f1c...}. */
  public static final String LOCK_ID = "alchemy.lockId";

  /** The backend {@code alchemy:migrate-state} copies from: {@code -Dalchemy.migrate.from=filesystem}. */
  public static final String MIGRATE_FROM = "alchemy.migrate.from";

  /** The folder {@code alchemy:migrate-state} copies from when the source is {@code filesystem}. */
  public static final String MIGRATE_FROM_STATE_DIR = "alchemy.migrate.fromStateDir";

  /** Lets {@code alchemy:migrate-state} replace state the target already holds. */
  public static final String OVERWRITE = "alchemy.overwrite";

  // Settings of the <postgres> and <s3> blocks that may also be given as properties. They are
  // read by StateBackends, not by Maven, since a block's elements cannot have properties of their
  // own; secrets (passwords, keys) have none, so that they never end up in a shell history.

  /** {@code <postgres><jdbcUrl>}. */
  public static final String POSTGRES_JDBC_URL = "alchemy.postgres.jdbcUrl";

  /** {@code <postgres><schema>}. */
  public static final String POSTGRES_SCHEMA = "alchemy.postgres.schema";

  /** {@code <postgres><username>}. */
  public static final String POSTGRES_USERNAME = "alchemy.postgres.username";

  /** {@code <postgres><serverId>}. */
  public static final String POSTGRES_SERVER_ID = "alchemy.postgres.serverId";

  /** {@code <s3><bucket>}. */
  public static final String S3_BUCKET = "alchemy.s3.bucket";

  /** {@code <s3><prefix>}. */
  public static final String S3_PREFIX = "alchemy.s3.prefix";

  /** {@code <s3><region>}. */
  public static final String S3_REGION = "alchemy.s3.region";

  /** {@code <s3><endpointOverride>}. */
  public static final String S3_ENDPOINT_OVERRIDE = "alchemy.s3.endpointOverride";

  /** {@code <s3><pathStyle>}. */
  public static final String S3_PATH_STYLE = "alchemy.s3.pathStyle";

  /** {@code <s3><serverId>}. */
  public static final String S3_SERVER_ID = "alchemy.s3.serverId";

  /** {@code <s3><lease>}. */
  public static final String S3_LEASE = "alchemy.s3.lease";

  private PropertyNames() {}
}
