/**
 * Local mode for {@code io.alchemy.postgres}: an embedded PostgreSQL started for the session (see
 * {@link io.alchemy.postgres.local.EmbeddedPostgresFactory}).
 */
package io.alchemy.postgres.local;
