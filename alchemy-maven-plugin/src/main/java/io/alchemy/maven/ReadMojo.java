package io.alchemy.maven;

import io.alchemy.core.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.RunResult;
import io.alchemy.core.secret.SecretModule;
import io.alchemy.core.secret.SecretTrees;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageRecords;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prints the stage's resources with their outputs, and each scope's own state (the values the
 * definition keeps with {@code scope.set}), changing nothing: no provider is called to change
 * anything, no state is written and no lock is taken. The definition runs in the read phase, so
 * a resource it declares that was never deployed is reported as an error. Secrets are shown as
 * {@code "Secret[****]"}. With {@code -Dalchemy.local} it reads the stage's local state.
 */
@Mojo(name = "read", threadSafe = true,
    configurator = MaskingConfigurator.ID, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ReadMojo extends PhaseMojo {

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public ReadMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  @Override
  protected String goal() {
    return "read";
  }

  @Override
  protected Phase phase() {
    return Phase.READ;
  }

  /**
   * Lists every resource record with its output, oldest first, then each scope's own state
   * ({@code scope.set} values), from the state the run read: in local mode that is the stage's
   * local state, not the deployed one. The run hands over what it read, so the state is not
   * opened a second time (at 10,000 resources that was a good part of the listing's time).
   */
  @Override
  protected void afterRun(RunResult result, StateStore store, String stateKey) {
    if (result.stateRead() != null) {
      list(result, stateKey, result.stateRead());
      return;
    }
    try (StageState state = store.open(result.app(), stateKey, AccessMode.READ)) {
      list(result, stateKey, StageRecords.of(state));
    }
  }

  private void list(RunResult result, String stateKey, StageRecords state) {
    String stage = result.app() + "/" + stateKey;
    getLog().info("Resources of " + stage + " (" + state.resources().size() + ", state in "
        + state.location() + "):");
    state.resources().values().stream()
        .sorted(Comparator.comparingLong(ResourceRecord::seq))
        .forEach(r -> getLog().info("  " + r.fqn() + " (" + r.type() + ", "
            + r.status().name().toLowerCase(Locale.ROOT) + ") output: "
            + masked(r.output())));
    if (!state.scopes().isEmpty()) {
      getLog().info("Scope state of " + stage + " (" + state.scopes().size() + " scope"
          + (state.scopes().size() == 1 ? "" : "s") + "):");
      String scopePrefix = result.app() + "/" + result.stage();
      state.scopes().values().stream()
          .sorted(Comparator.comparing(ScopeRecord::scope))
          .forEach(scope -> getLog().info("  "
              + (scope.scope().isEmpty() ? scopePrefix : scopePrefix + "/" + scope.scope())
              + ": " + masked(values(scope))));
    }
  }

  private static ObjectNode values(ScopeRecord scope) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    scope.values().forEach(values::set);
    return values;
  }

  /** {@code node} with every encrypted secret replaced by {@code "Secret[****]"}. */
  static JsonNode masked(JsonNode node) {
    // Most outputs hold no secret: they are shown as they are, not copied node by node.
    if (node == null || !node.isContainerNode() || !SecretTrees.hasSealed(node)) {
      return node;
    }
    if (node.isObject() && node.size() == 1 && node.has(SecretModule.SEALED)) {
      return JsonNodeFactory.instance.textNode("Secret[****]");
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> copy.add(masked(child)));
      return copy;
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      copy.set(field.getKey(), masked(field.getValue()));
    }
    return copy;
  }
}
