/**
 * PostgreSQL resources: {@link io.alchemy.postgres.Role}, {@link io.alchemy.postgres.Database}
 * and {@link io.alchemy.postgres.Schema}, reached with the scope's {@link
 * io.alchemy.core.credentials.PostgresCredentials}, one JDBC connection per provider call.
 */
package io.alchemy.postgres;
