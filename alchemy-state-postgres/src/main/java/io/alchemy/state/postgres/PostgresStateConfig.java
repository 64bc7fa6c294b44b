package io.alchemy.state.postgres;

import io.alchemy.core.secret.Secret;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link PostgresStateStore} keeps state. Its {@link #toString()} shows neither the
 * password nor any query parameter of the URL (where a password may also hide).
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example.com:5432/infra}
 * @param username the database user; {@code null} leaves it to the URL or the driver's defaults
 * @param password the user's password; {@code null} when the URL or {@code ~/.pgpass} supplies it
 * @param schema the schema that holds Alchemy's tables, created on first use; defaults to {@value
 *     #DEFAULT_SCHEMA}. A plain lower-case SQL identifier, since it is written into statements.
 */
public record PostgresStateConfig(String jdbcUrl, String username, Secret password, String schema) {

  /** The schema used when none is configured. */
  public static final String DEFAULT_SCHEMA = "alchemy";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Validates the URL and the schema name; a {@code null} schema becomes the default. */
  public PostgresStateConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("The PostgreSQL state URL " + redact(jdbcUrl) + " does"
          + " not start with jdbc:postgresql:. Set it like"
          + " jdbc:postgresql://db.example.com:5432/infra.");
    }
    schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema.trim();
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("The PostgreSQL state schema '" + schema + "' is not a"
          + " plain lower-case identifier (letters a-z, digits and _, not starting with a digit,"
          + " at most 63 characters). Choose another schema name, e.g. " + DEFAULT_SCHEMA + ".");
    }
  }

  /** A config for {@code jdbcUrl} with user and password, in the default schema. */
  public static PostgresStateConfig of(String jdbcUrl, String username, Secret password) {
    return new PostgresStateConfig(jdbcUrl, username, password, null);
  }

  /** The URL without its query parameters, safe to print. */
  public String safeUrl() {
    return redact(jdbcUrl);
  }

  /** Shows the URL without parameters, the user and the schema; never the password. */
  @Override
  public String toString() {
    return "PostgresStateConfig[jdbcUrl=" + safeUrl() + ", username=" + username + ", password="
        + (password == null ? "none" : "****") + ", schema=" + schema + "]";
  }

  private static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }
}
