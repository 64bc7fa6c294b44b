package io.alchemy.core.random;

import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import io.alchemy.core.secret.Secret;
import java.security.SecureRandom;

/**
 * A random string, e.g. a database password: generated once with {@link SecureRandom}, kept
 * encrypted in state (its output is a {@link Secret}, so a password must be configured), returned
 * unchanged by every later run, and generated anew only when its props change.
 *
 * <pre>{@code
 * Secret dbPassword = RandomString.declare(scope, "db-password", RandomString.props(32)).value();
 * }</pre>
 */
public final class RandomString
    extends TypedResourceProvider<RandomString.Props, RandomString.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "random::String";

  /** Letters and digits. */
  public static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final RandomString INSTANCE = new RandomString();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public RandomString() {
    super(TYPE, Props.class, Output.class);
  }
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What to generate.
   *
   * @param length how many characters, 1 to 4096
   * @param alphabet the characters to draw from, each equally likely
   */
  public record Props(int length, String alphabet) {
    /** Checks the length and alphabet. */
    public Props {
      if (length < 1 || length > 4096) {
        throw new IllegalArgumentException("a random string's length must be 1 to 4096, not "
            + length);
      }
      if (alphabet == null || alphabet.isEmpty()) {
        throw new IllegalArgumentException("a random string needs a non-empty alphabet");
      }
    }
  }

  /**
   * What was generated.
   *
   * @param value the random string
   */
  public record Output(Secret value) {}

  /** {@code length} letters and digits. */
  public static Props props(int length) {
    return new Props(length, ALPHANUMERIC);
  }

  /** {@code length} characters drawn from {@code alphabet}. */
  public static Props props(int length, String alphabet) {
    return new Props(length, alphabet);
  }

  /** Declares a random string in {@code scope}. */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return scope.resource(id, INSTANCE, props);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static RandomString provider() {
    return INSTANCE;
  }

  @Override
  public Output create(ResourceContext context, Props props) {
    StringBuilder value = new StringBuilder(props.length());
    for (int i = 0; i < props.length(); i++) {
      value.append(props.alphabet().charAt(RANDOM.nextInt(props.alphabet().length())));
    }
    return new Output(Secret.of(value.toString()));
  }

  /** New props, new value: that is what a change of a random string's props asks for. */
  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output old) {
    return create(context, newProps);
  }

  /**
   * Always unknown: the value is drawn only by up, anew for a create and for changed props alike,
   * so no earlier value carries over.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    return new Output(Secret.of(Unknowns.marker(context.fqn(), "value")));
  }

  /** Nothing to read: the value exists only in state, and state is the truth. */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    return Live.notRead("a random string exists only in state: state is the truth");
  }

  /** Nothing exists outside state. */
  @Override
  public void delete(ResourceContext context, Props props, Output output) {}
}
