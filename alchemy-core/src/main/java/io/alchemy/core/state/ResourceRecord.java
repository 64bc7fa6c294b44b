package io.alchemy.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What state knows about one resource.
 *
 * @param formatVersion the record format, {@link #FORMAT_VERSION} when written by this version
 * @param scope the scope path below the stage, {@code ""} for the stage scope, e.g. {@code
 *     storage/images-cache}
 * @param id the id within its scope
 * @param fqn the fully qualified name, for people reading state
 * @param type the provider's type name
 * @param seq creation order within the stage; deletion runs in reverse
 * @param status where the last operation got to
 * @param props the props last applied (for {@link ResourceStatus#CREATING}: being applied)
 * @param output the provider's last output, {@code null} while creating
 * @param pendingProps for {@link ResourceStatus#UPDATING}: the props being applied
 * @param replaced old instances of a replacement, deleted when a run finalizes successfully
 * @param settings the non-secret credential settings of the scope that last created or updated
 *     the resource (a region, an endpoint, a server; never a key), by credential kind, so that it
 *     is deleted where it was made even when no run enters that scope any more; in local mode
 *     also, under {@code local-servers}, the generation of the data of each local server the
 *     resource was last found on, by credentials type; {@code null} when there are none
 * @param predecessors the addresses of what came directly before this resource in the run that
 *     last declared it (program order, a fork, a join); destroy deletes in the reverse of this
 *     order. {@code null} in records written before format version 2, which count as a chain in
 *     the order of {@code seq}; empty for a resource nothing came before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRecord(
    int formatVersion,
    String scope,
    String id,
    String fqn,
    String type,
    long seq,
    ResourceStatus status,
    JsonNode props,
    JsonNode output,
    JsonNode pendingProps,
    List<Instance> replaced,
    Map<String, Map<String, String>> settings,
    List<String> predecessors) {

  /** The format this version writes: 2 added {@code predecessors}. */
  public static final int FORMAT_VERSION = 2;

  /** Normalizes the replaced list so callers never see {@code null}. */
  public ResourceRecord {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    replaced = replaced == null || replaced.isEmpty() ? null : List.copyOf(replaced);
    settings = settings == null || settings.isEmpty() ? null : Map.copyOf(settings);
    // Empty stays empty: it says "nothing came before", where null says "not recorded".
    predecessors = predecessors == null ? null : List.copyOf(predecessors);
  }

  /** A record without recorded predecessors, as format version 1 wrote them. */
  public ResourceRecord(int formatVersion, String scope, String id, String fqn, String type,
      long seq, ResourceStatus status, JsonNode props, JsonNode output, JsonNode pendingProps,
      List<Instance> replaced, Map<String, Map<String, String>> settings) {
    this(formatVersion, scope, id, fqn, type, seq, status, props, output, pendingProps, replaced,
        settings, null);
  }

  /** A record without credential settings. */
  public ResourceRecord(int formatVersion, String scope, String id, String fqn, String type,
      long seq, ResourceStatus status, JsonNode props, JsonNode output, JsonNode pendingProps,
      List<Instance> replaced) {
    this(formatVersion, scope, id, fqn, type, seq, status, props, output, pendingProps, replaced,
        null, null);
  }

  /** The key of this record within its stage: scope path and id, joined by {@code /}. */
  public String address() {
    return address(scope, id);
  }

  /** Joins a scope path and an id into an address. */
  public static String address(String scope, String id) {
    return scope.isEmpty() ? id : scope + "/" + id;
  }

  /** The old instances awaiting deletion; never {@code null}. */
  public List<Instance> replacedInstances() {
    return replaced == null ? List.of() : replaced;
  }

  /** The credential settings by kind; never {@code null}. */
  public Map<String, Map<String, String>> credentialSettings() {
    return settings == null ? Map.of() : settings;
  }

  /** A copy with another status, props, output and pending props. */
  public ResourceRecord with(
      ResourceStatus status, JsonNode props, JsonNode output, JsonNode pendingProps) {
    return new ResourceRecord(FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output,
        pendingProps, replaced, settings, predecessors);
  }

  /** A copy with another list of old instances. */
  public ResourceRecord withReplaced(List<Instance> replaced) {
    return new ResourceRecord(FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output,
        pendingProps, replaced, settings, predecessors);
  }

  /** A copy with other credential settings. */
  public ResourceRecord withSettings(Map<String, Map<String, String>> settings) {
    return new ResourceRecord(FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output,
        pendingProps, replaced, settings, predecessors);
  }

  /** A copy with other predecessors. */
  public ResourceRecord withPredecessors(List<String> predecessors) {
    return new ResourceRecord(FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output,
        pendingProps, replaced, settings, predecessors);
  }

  /**
   * An old instance of a replaced resource.
   *
   * @param props its props
   * @param output its output
   */
  public record Instance(JsonNode props, JsonNode output) {}
}
