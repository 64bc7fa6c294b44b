package io.alchemy.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scope's own key/value state, kept apart from resource records.
 *
 * @param formatVersion the record format, {@link ResourceRecord#FORMAT_VERSION} when written by
 *     this version
 * @param scope the scope path below the stage, {@code ""} for the stage scope
 * @param values the scope's keys and their JSON values
 */
public record ScopeRecord(int formatVersion, String scope, Map<String, JsonNode> values) {

  /** Sorts and copies the values so state files stay stable and diffable. */
  public ScopeRecord {
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }
}
