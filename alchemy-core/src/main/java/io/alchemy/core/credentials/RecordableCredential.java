package io.alchemy.core.credentials;

import java.util.Map;

/**
 * A credential kind whose non-secret settings (a region, an endpoint, a server) are recorded in
 * state with every resource made under it. A resource whose scope no later run enters (an orphan
 * of a removed {@code eu-services} scope, or anything at {@code alchemy:destroy} when the
 * definition no longer reaches it) is then deleted where it was made: the engine takes the
 * credential of the nearest scope the run did enter, which holds the keys, and applies the
 * recorded settings to it.
 *
 * <p>Never record a key, a key id, a password or a user name: keys rotate, and state is no place
 * for them.
 */
public interface RecordableCredential {

  /** The settings to record, by name, e.g. {@code {"region": "eu-west-1"}}. */
  Map<String, String> settings();

  /**
   * This credential with recorded {@code settings} applied; its keys stay this one's.
   *
   * @param settings what {@link #settings()} returned when the resource was made
   */
  RecordableCredential withSettings(Map<String, String> settings);
}
