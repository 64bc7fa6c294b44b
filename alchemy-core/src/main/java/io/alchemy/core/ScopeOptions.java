package io.alchemy.core;

import io.alchemy.core.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for one child scope; every option left unset is inherited from the parent scope.
 * Immutable: each method returns a new instance.
 *
 * <pre>{@code
 * scope.run("legacy", ScopeOptions.defaults().phase(Phase.DESTROY), legacy -> { ... });
 * }</pre>
 */
public final class ScopeOptions {

  private static final ScopeOptions DEFAULTS = new ScopeOptions(null, null, null, null);

  private final Phase phase;
  private final Boolean adopt;
  private final Boolean quiet;
  private final Secret password;

  private ScopeOptions(Phase phase, Boolean adopt, Boolean quiet, Secret password) {
    this.phase = phase;
    this.adopt = adopt;
    this.quiet = quiet;
    this.password = password;
  }

  /** Options that inherit everything from the parent scope. */
  public static ScopeOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Runs the child scope in another phase, e.g. {@link Phase#DESTROY} to delete everything the
   * child scope owns while the rest of the stage is deployed.
   */
  public ScopeOptions phase(Phase phase) {
    return new ScopeOptions(Objects.requireNonNull(phase, "phase"), adopt, quiet, password);
  }

  /** Adopts existing resources in this child scope instead of failing on conflicts. */
  public ScopeOptions adopt(boolean adopt) {
    return new ScopeOptions(phase, adopt, quiet, password);
  }

  /** Suppresses per-resource progress lines for this child scope. */
  public ScopeOptions quiet(boolean quiet) {
    return new ScopeOptions(phase, adopt, quiet, password);
  }

  /**
   * Gives the child scope its own password: secrets declared in it, and in its children unless
   * they set another, are encrypted with it. Sibling scopes never see it.
   */
  public ScopeOptions password(Secret password) {
    Objects.requireNonNull(password, "password");
    if (password.reveal().isEmpty()) {
      throw new IllegalArgumentException("a scope password must not be empty");
    }
    return new ScopeOptions(phase, adopt, quiet, password);
  }

  /** The password set for the child scope, if any. */
  public Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  /** The phase set for the child scope, if any. */
  public Optional<Phase> phase() {
    return Optional.ofNullable(phase);
  }

  /** The adopt flag set for the child scope, if any. */
  public Optional<Boolean> adopt() {
    return Optional.ofNullable(adopt);
  }

  /** The quiet flag set for the child scope, if any. */
  public Optional<Boolean> quiet() {
    return Optional.ofNullable(quiet);
  }
}
