package io.alchemy.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
    List<Instance> replaced) {

  /** The format this version writes. */
  public static final int FORMAT_VERSION = 1;

  /** Normalizes the replaced list so callers never see {@code null}. */
  public ResourceRecord {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    replaced = replaced == null || replaced.isEmpty() ? null : List.copyOf(replaced);
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

  /** A copy with another status, props, output and pending props. */
  public ResourceRecord with(
      ResourceStatus status, JsonNode props, JsonNode output, JsonNode pendingProps) {
    return new ResourceRecord(
        FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output, pendingProps, replaced);
  }

  /** A copy with another list of old instances. */
  public ResourceRecord withReplaced(List<Instance> replaced) {
    return new ResourceRecord(
        FORMAT_VERSION, scope, id, fqn, type, seq, status, props, output, pendingProps, replaced);
  }

  /**
   * An old instance of a replaced resource.
   *
   * @param props its props
   * @param output its output
   */
  public record Instance(JsonNode props, JsonNode output) {}
}
