package io.alchemy.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the SQL statements the server executed, from {@code pg_stat_statements}, by first
 * keyword (e.g. {@code CREATE}). The benchmark's own queries run as their own user, {@value
 * #BENCH_USER}, and are left out.
 */
final class SqlCounter {

  static final String BENCH_USER = "alchemy_bench_counter";

  private static final Set<String> MUTATING = Set.of("CREATE", "ALTER", "DROP", "COMMENT",
      "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REASSIGN", "SECURITY",
      "MERGE", "COPY");

  private final EmbeddedPostgres postgres;

  EmbeddedPostgres postgres() {
    return postgres;
  }

  SqlCounter(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  void reset() throws SQLException {
    try (Connection c = Servers.admin(postgres); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /** Statements executed since the last reset, by first keyword. */
  Map<String, Long> statements() throws SQLException {
    Map<String, Long> byKeyword = new TreeMap<>();
    try (Connection c = Servers.admin(postgres); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT query, calls FROM pg_stat_statements"
            + " WHERE userid <> (SELECT oid FROM pg_roles WHERE rolname = '" + BENCH_USER
            + "')")) {
      while (rows.next()) {
        byKeyword.merge(keyword(rows.getString(1)), rows.getLong(2), Long::sum);
      }
    }
    return byKeyword;
  }

  static long total(Map<String, Long> statements) {
    return statements.values().stream().mapToLong(Long::longValue).sum();
  }

  static long mutating(Map<String, Long> statements) {
    return statements.entrySet().stream().filter(e -> MUTATING.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static String keyword(String query) {
    String text = query.strip();
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return end == 0 ? "?" : text.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
