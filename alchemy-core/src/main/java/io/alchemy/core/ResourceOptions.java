package io.alchemy.core;

import java.util.Objects;

/**
 * Options for one resource declaration, passed to {@code Scope.resource(id, provider, props,
 * options)}. Immutable: each method
 * returns a new instance.
 *
 * <pre>{@code
 * S3Bucket.Output legacy = scope.resource("legacy", S3Bucket.provider(),
 *     S3Bucket.props("acme-legacy-uploads"), ResourceOptions.importing("acme-legacy-uploads"));
 * }</pre>
 */
public final class ResourceOptions {

  private static final ResourceOptions DEFAULTS = new ResourceOptions(null);

  private final String importId;

  private ResourceOptions(String importId) {
    this.importId = importId;
  }

  /** No options: the resource is created when state has no record of it. */
  public static ResourceOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Takes over an existing thing by its id in the outside world instead of creating one, when
   * state has no record of the resource yet: a role's or a bucket's name, an object's {@code
   * bucket/key}, a file's path (what the provider's {@link
   * io.alchemy.core.provider.ResourceProvider#readById readById} accepts). {@code plan} shows
   * {@code <= import} and what would change to reach the declared props; {@code up} records the
   * thing as it is, without creating it, then updates it to the declared props. Nothing with that
   * id is an error that changes nothing. Once imported the resource is in state like any other,
   * and the option can be removed.
   */
  public static ResourceOptions importing(String id) {
    return DEFAULTS.importId(id);
  }

  /** These options, importing {@code id}; see {@link #importing(String)}. */
  public ResourceOptions importId(String id) {
    Objects.requireNonNull(id, "import id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("The import id is blank: give the id of the existing"
          + " thing, e.g. a bucket's or a role's name.");
    }
    return new ResourceOptions(id);
  }

  /** The id of the existing thing to import, or {@code null}. */
  public String importId() {
    return importId;
  }
}
