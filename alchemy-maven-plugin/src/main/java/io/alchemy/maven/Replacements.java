package io.alchemy.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The resources {@code alchemy:up} and {@code alchemy:plan} are asked to replace although their
 * props did not change ({@code -Dalchemy.replace}, {@code <replace>}), checked before anything is
 * opened: each entry is trimmed, and a blank entry, or a name that is no FQN of the run's stage,
 * fails with the fix. Whether the definition declares a well-formed FQN only the run can tell.
 */
final class Replacements {

  private Replacements() {}

  /**
   * The FQNs to replace, trimmed, in the order given.
   *
   * @param entries the parameter as Maven set it: a {@code -D} value split at its commas, or the
   *     elements of {@code <replace>}; {@code null} when not set
   * @param property the {@code alchemy.replace} property if one is set, for a blank one, which
   *     Maven hands over as no value at all; else {@code null}
   * @param origin where {@code entries} came from, e.g. {@code -Dalchemy.replace on the command
   *     line}
   * @param settings the run's app and stage
   * @throws MojoFailureException for a blank property or entry, or an entry that is not an FQN of
   *     the run's stage
   */
  static Set<String> of(List<String> entries, UserProperties.Value property, String origin,
      GoalSettings settings) throws MojoFailureException {
    String example = settings.stageFqn() + "/config";
    String howToName = "Name each resource by its FQN (app/stage/scopes/id), several separated"
        + " by commas, e.g. -D" + PropertyNames.REPLACE + "=" + example + " or <replace><fqn>"
        + example + "</fqn></replace>";
    if (entries == null || entries.isEmpty()) {
      if (property != null && property.text().isBlank()) {
        throw new MojoFailureException("The resources to replace are blank: " + property.origin()
            + " sets " + PropertyNames.REPLACE + " to '" + property.text() + "'. " + howToName
            + ", or remove it to replace nothing. Nothing was run or written.");
      }
      return Set.of();
    }
    List<String> given = new ArrayList<>();
    entries.forEach(entry -> given.add(entry == null ? "" : entry));
    Set<String> fqns = new LinkedHashSet<>();
    String prefix = settings.stageFqn() + "/";
    for (int i = 0; i < given.size(); i++) {
      String fqn = given.get(i).trim();
      if (fqn.isEmpty()) {
        throw new MojoFailureException("The resources to replace (" + PropertyNames.REPLACE
            + ", from " + origin + ") hold a blank entry: entry " + (i + 1) + " of '"
            + String.join(",", given) + "'. " + howToName + ". Nothing was run or written.");
      }
      if (!fqn.startsWith(prefix) || fqn.length() == prefix.length()) {
        throw new MojoFailureException("The resource to replace '" + fqn + "' ("
            + PropertyNames.REPLACE + ", from " + origin + ") is not the FQN of a resource of "
            + settings.stageFqn() + " (the stage came from " + settings.stageOrigin()
            + "): an FQN is app/stage/scopes/id, e.g. " + suggestion(fqn, settings)
            + ". Nothing was run or written.");
      }
      fqns.add(fqn);
    }
    return fqns;
  }

  /** {@code fqn} as an FQN of the run's stage: {@code db} is {@code my-app/dev/db}. */
  private static String suggestion(String fqn, GoalSettings settings) {
    String prefix = settings.stageFqn() + "/";
    String rest = fqn.replaceAll("^/+", "");
    if (rest.startsWith(settings.app() + "/")) {
      // Another stage's FQN: keep its scopes and id.
      rest = rest.substring(settings.app().length() + 1);
      int slash = rest.indexOf('/');
      rest = slash < 0 ? "" : rest.substring(slash + 1);
    }
    return prefix + (rest.isEmpty() ? "config" : rest);
  }
}
