package io.alchemy.core.state;

import java.util.Map;

/**
 * The records of one stage as a run found them when it opened the stage's state, kept so that
 * whoever ran it can show them without opening the state again (a read changes nothing, so for
 * a read they are the stage's state after the run too).
 *
 * @param location where the state lives, for messages (a folder, a table, a bucket prefix)
 * @param resources the resource records, by {@link ResourceRecord#address()}
 * @param scopes the scope records, by scope path
 */
public record StageRecords(
    String location, Map<String, ResourceRecord> resources, Map<String, ScopeRecord> scopes) {

  /** Copies the maps, unless they are unmodifiable copies already, as a store's usually are. */
  public StageRecords {
    resources = Map.copyOf(resources);
    scopes = Map.copyOf(scopes);
  }

  /** The records {@code state} holds as opened. */
  public static StageRecords of(StageState state) {
    return new StageRecords(state.location(), state.resources(), state.scopes());
  }
}
