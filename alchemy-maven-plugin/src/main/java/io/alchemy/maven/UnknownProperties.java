package io.alchemy.maven;

import io.alchemy.core.engine.NearestName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds {@code alchemy.*} properties that no goal reads, such as {@code -Dalchemy.stag=prod}:
 * Maven ignores a property nobody asks for, so without a warning the typo deploys {@code dev}.
 * The known names are the constants of {@link PropertyNames}, which every parameter and block
 * setting uses.
 */
final class UnknownProperties {

  private static final String PREFIX = "alchemy.";

  /** The most edits a hint may be away, for long names; shorter ones allow fewer. */
  private static final int MAX_HINT_DISTANCE = 4;

  private static final Set<String> KNOWN = knownNames();

  private UnknownProperties() {}

  /**
   * One warning per unknown {@code alchemy.*} property, naming where it was set and the nearest
   * known property.
   *
   * @param commandLine the {@code -D} properties
   * @param pom the properties of the POM and its active profiles
   */
  static List<String> warnings(Properties commandLine, Properties pom) {
    Map<String, String> unknown = new LinkedHashMap<>();
    collect(commandLine, "-D%s on the command line", unknown);
    Map<String, String> pomOnly = new LinkedHashMap<>();
    collect(pom, "the <%s> property of the POM or an active profile", pomOnly);
    // A POM's own property (<alchemy.version> for the dependencies' ${alchemy.version}) is no
    // typo: one there is only warned about when it is near a known name.
    pomOnly.forEach((name, origin) -> {
      if (!unknown.containsKey(name) && !name.endsWith(".version") && nearest(name).isPresent()) {
        unknown.put(name, origin);
      }
    });
    List<String> warnings = new ArrayList<>();
    unknown.forEach((name, origin) -> warnings.add(name + " (from " + origin + ") is not a"
        + " property of any alchemy goal, so it changes nothing. "
        + nearest(name)
            .map(known -> "Did you mean " + known + "?")
            .orElse("The properties are listed by mvn alchemy:help -Ddetail.")));
    return warnings;
  }

  /**
   * The known property {@code name} most likely meant: one it is the start of, or that starts
   * with it ({@code alchemy.watch.debounce}, {@code alchemy.watch.debounceMillis}), else the one
   * fewest edits away.
   */
  static Optional<String> nearest(String name) {
    String lower = name.toLowerCase();
    List<String> extended = KNOWN.stream()
        .filter(known -> known.toLowerCase().startsWith(lower)
            || lower.startsWith(known.toLowerCase() + "."))
        .toList();
    // A third of the name's own part may be wrong, so a short name of the user's own
    // (alchemy.team) is not taken for a typo of a known one (alchemy.stage).
    int allowed = Math.max(1, Math.min(MAX_HINT_DISTANCE,
        (name.length() - PREFIX.length()) / 3));
    return extended.isEmpty() ? NearestName.among(name, KNOWN, allowed)
        : NearestName.among(name, extended, Integer.MAX_VALUE);
  }

  /** The known property names. */
  static Set<String> known() {
    return KNOWN;
  }

  private static void collect(Properties properties, String origin, Map<String, String> into) {
    if (properties == null) {
      return;
    }
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (name.startsWith(PREFIX) && !KNOWN.contains(name)) {
        into.putIfAbsent(name, String.format(origin, name));
      }
    }
  }

  private static Set<String> knownNames() {
    Set<String> names = new TreeSet<>();
    for (Field field : PropertyNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(names);
  }
}
