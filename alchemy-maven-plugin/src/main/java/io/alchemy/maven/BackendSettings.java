package io.alchemy.maven;

import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateSettings;
import java.util.Map;

/**
 * What a {@code <postgres>} or {@code <s3>} block and its properties say, as the installed
 * backend reads it, with where each setting came from, so that a setting the backend refuses is
 * named by its element and origin.
 *
 * @param block the block's name, e.g. {@code postgres}
 * @param where where the block is, for a setting without an origin of its own
 * @param settings what the backend is opened with (secrets among them, never printed)
 * @param origins where each setting came from, by setting name
 * @param login where the credentials came from, never a value
 * @param note where state lives and where that was configured, for messages; {@code {where}}
 *     stands for the backend's own description of its place
 */
record BackendSettings(String block, String where, StateSettings settings,
    Map<String, String> origins, String login, String note) {

  /** A setting the backend refused, as a configuration problem naming its element. */
  ConfigurationProblem invalid(InvalidStateSettingException refused) {
    return new ConfigurationProblem(new ConfigurationProblem.Invalid(
        "<" + block + "><" + refused.setting() + ">",
        origins.getOrDefault(refused.setting(), where), refused.getMessage()));
  }

  /** The note, with the backend's description of its place. */
  String note(String place) {
    return note.replace("{where}", place);
  }

  /** Names the settings, never a secret. */
  @Override
  public String toString() {
    return "BackendSettings[" + block + ", " + settings + "]";
  }
}
