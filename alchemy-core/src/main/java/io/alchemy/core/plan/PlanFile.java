package io.alchemy.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.state.StateJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link Plan} as a JSON file, for review bots, pull-request comments and an approved apply:
 *
 * <pre>{@code
 * {
 *   "formatVersion" : 1, "app" : "my-app", "stage" : "prod",
 *   "stateFingerprint" : "sha256:...",
 *   "summary" : "Plan for my-app/prod: 1 to create, 1 to update, 0 to replace, 0 to delete, 8 unchanged",
 *   "counts" : { "create" : 1, "update" : 1, "replace" : 0, "delete" : 0, "adopt" : 0, "import" : 0, "finish" : 0, "unchanged" : 8 },
 *   "changes" : [
 *     { "fqn" : "my-app/prod/api", "type" : "fs::TextFile", "action" : "create" },
 *     { "fqn" : "my-app/prod/config", "type" : "fs::TextFile", "action" : "update",
 *       "changes" : [ { "path" : "content", "before" : "\"a\"", "after" : "\"b\"" },
 *                     { "path" : "token", "secret" : true } ] } ],
 *   "unchanged" : 8, "replace" : [ ], "force" : false
 * }
 * }</pre>
 *
 * Values are JSON text as the plan prints them: secrets never appear, unknown values read {@value
 * Unknowns#TEXT}.
 */
public final class PlanFile {

  private PlanFile() {}

  /** Writes {@code plan} to {@code file} whole: a reader never sees half of it. */
  public static void write(Plan plan, Path file) {
    ObjectNode tree = StateJson.mapper().valueToTree(plan);
    ObjectNode out = StateJson.mapper().createObjectNode();
    out.set("formatVersion", tree.get("formatVersion"));
    out.put("app", plan.app());
    out.put("stage", plan.stage());
    out.put("stateFingerprint", plan.stateFingerprint());
    out.put("summary", plan.summary());
    ObjectNode counts = out.putObject("counts");
    for (PlanAction action : PlanAction.values()) {
      counts.put(action.word(), plan.count(action));
    }
    out.set("changes", tree.get("changes"));
    out.put("unchanged", plan.unchanged());
    plan.replace().forEach(out.putArray("replace")::add);
    out.put("force", plan.force());
    out.put("refresh", plan.refresh());
    if (plan.hasDrift()) {
      out.set("drift", tree.get("drift"));
    }
    Path absolute = file.toAbsolutePath();
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.createDirectories(absolute.getParent());
      StateJson.mapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), out);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AlchemyException("Cannot write the plan file " + absolute + ": " + e
          + ". Check that its folder can be written.", e);
    }
  }

  /**
   * Reads a plan file.
   *
   * @throws AlchemyException when it is missing, not a plan, or of a newer format
   */
  public static Plan read(Path file) {
    Path absolute = file.toAbsolutePath();
    JsonNode tree;
    try {
      tree = StateJson.mapper().readTree(absolute.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new AlchemyException("The plan file " + absolute + " does not exist. Make it with"
          + " the plan goal first, or give the path it was written to.", e);
    } catch (JsonProcessingException e) {
      throw notAPlan(absolute, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new AlchemyException("Cannot read the plan file " + absolute + ": " + e, e);
    }
    if (tree == null || !tree.isObject()) {
      throw notAPlan(absolute, "it does not hold a JSON object", null);
    }
    JsonNode version = tree.path("formatVersion");
    if (!version.canConvertToInt()) {
      throw notAPlan(absolute, "it has no formatVersion", null);
    }
    if (version.asInt() > Plan.FORMAT_VERSION) {
      throw new AlchemyException("The plan file " + absolute + " has format version "
          + version.asInt() + ", written by a newer Alchemy; this one reads up to version "
          + Plan.FORMAT_VERSION + ". Make the plan with the same version that applies it.");
    }
    ObjectNode fields = ((ObjectNode) tree).deepCopy();
    fields.remove("summary");
    fields.remove("counts");
    try {
      Plan plan = StateJson.mapper().treeToValue(fields, Plan.class);
      if (plan.app() == null || plan.stage() == null || plan.stateFingerprint() == null) {
        throw notAPlan(absolute, "it names no app, stage or stateFingerprint", null);
      }
      return plan;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw notAPlan(absolute, "it is not a plan (" + e.getMessage() + ")", e);
    }
  }

  private static AlchemyException notAPlan(Path file, String why, Throwable cause) {
    return new AlchemyException("The plan file " + file + " cannot be used: " + why + ". Make a"
        + " new one with the plan goal; nothing was changed.", cause);
  }
}
