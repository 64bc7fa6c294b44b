package io.alchemy.core.provider;

import java.util.Objects;

/**
 * What a provider found when it looked at a resource as it really is: for drift detection
 * ({@link ResourceProvider#readLive}) and for import ({@link ResourceProvider#readById}).
 *
 * <pre>{@code
 * if (!Files.isRegularFile(path)) {
 *   return Live.missing();
 * }
 * String content = Files.readString(path);
 * return Live.found(new Props(props.path(), content), output(path, content));
 * }</pre>
 *
 * @param <P> the props record
 * @param <O> the output record
 */
public final class Live<P, O> {

  /** What kind of answer a read gave. */
  public enum Kind {
    /** It exists; its props and output are as the provider read them. */
    FOUND,
    /** Nothing of that name or id exists. */
    MISSING,
    /** The provider reads nothing: there is nothing to read, or state is the truth. */
    NOT_READ
  }

  private final Kind kind;
  private final P props;
  private final O output;
  private final String reason;

  private Live(Kind kind, P props, O output, String reason) {
    this.kind = kind;
    this.props = props;
    this.output = output;
    this.reason = reason;
  }

  /**
   * It exists.
   *
   * @param props its props as they really are: what the provider can read is read, the rest (a
   *     password no server gives back) as recorded for a drift check, or as declared for an import
   * @param output its output as it really is
   */
  public static <P, O> Live<P, O> found(P props, O output) {
    return new Live<>(Kind.FOUND, Objects.requireNonNull(props, "props"), output, null);
  }

  /** Nothing exists under that name or id: deleted outside Alchemy, or never made. */
  public static <P, O> Live<P, O> missing() {
    return new Live<>(Kind.MISSING, null, null, null);
  }

  /**
   * The provider reads nothing, and says why, e.g. {@code "a command has nothing to read"} or
   * {@code "its value exists only in state: state is the truth"}.
   */
  public static <P, O> Live<P, O> notRead(String reason) {
    return new Live<>(Kind.NOT_READ, null, null, Objects.requireNonNull(reason, "reason"));
  }

  /** What kind of answer this is. */
  public Kind kind() {
    return kind;
  }

  /** Whether it exists. */
  public boolean found() {
    return kind == Kind.FOUND;
  }

  /** Its props as they really are; {@code null} unless {@link #found()}. */
  public P props() {
    return props;
  }

  /** Its output as it really is; {@code null} unless {@link #found()}. */
  public O output() {
    return output;
  }

  /** Why nothing was read; {@code null} unless {@link Kind#NOT_READ}. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FOUND -> "found " + props;
      case MISSING -> "missing";
      case NOT_READ -> "not read: " + reason;
    };
  }
}
