package io.alchemy.core.secret;

import java.util.Collection;
import java.util.List;

/**
 * Hides Alchemy's own secrets (the app password, scopes' passwords) in text that a provider got
 * from the outside world, such as a command's output, before it reaches state, a log or an
 * exception message. It holds the secrets but never hands them out.
 */
public final class SecretMask {

  /** A mask that hides nothing. */
  public static final SecretMask NONE = new SecretMask(List.of());

  private final List<Secret> secrets;

  private SecretMask(List<Secret> secrets) {
    this.secrets = secrets;
  }

  /** A mask of {@code secrets}. */
  public static SecretMask of(Collection<Secret> secrets) {
    return new SecretMask(List.copyOf(secrets));
  }

  /** {@code text} with every occurrence of a secret's value replaced by {@code ****}. */
  public String apply(String text) {
    return text == null ? null : Secret.maskIn(text, secrets);
  }

  /** Says how many secrets it hides, never which. */
  @Override
  public String toString() {
    return "SecretMask[" + secrets.size() + " secrets]";
  }
}
