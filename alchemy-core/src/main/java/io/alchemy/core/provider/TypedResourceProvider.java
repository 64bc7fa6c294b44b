package io.alchemy.core.provider;

import java.util.Objects;

/**
 * A {@link ResourceProvider} that is told its type name and record classes once, in its
 * constructor, instead of answering three methods. Most providers start here.
 *
 * <pre>{@code
 * public final class Bucket extends TypedResourceProvider<Bucket.Props, Bucket.Output> {
 *   public Bucket() {
 *     super("acme::Bucket", Props.class, Output.class);
 *   }
 *   ...
 * }
 * }</pre>
 *
 * @param <P> the props record
 * @param <O> the output record
 */
public abstract class TypedResourceProvider<P, O> implements ResourceProvider<P, O> {

  private final String type;
  private final Class<P> propsType;
  private final Class<O> outputType;

  /**
   * @param type the stable type name stored in state, e.g. {@code fs::TextFile}
   * @param propsType the props record class
   * @param outputType the output record class
   */
  protected TypedResourceProvider(String type, Class<P> propsType, Class<O> outputType) {
    this.type = Objects.requireNonNull(type, "type");
    this.propsType = Objects.requireNonNull(propsType, "propsType");
    this.outputType = Objects.requireNonNull(outputType, "outputType");
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final Class<P> propsType() {
    return propsType;
  }

  @Override
  public final Class<O> outputType() {
    return outputType;
  }
}
