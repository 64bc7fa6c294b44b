package io.alchemy.core;

import io.alchemy.core.credentials.ProviderCredentials;
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

  private static final ScopeOptions DEFAULTS =
      new ScopeOptions(null, null, null, null, ProviderCredentials.none());

  private final Phase phase;
  private final Boolean adopt;
  private final Boolean quiet;
  private final Secret password;
  private final ProviderCredentials credentials;

  private ScopeOptions(Phase phase, Boolean adopt, Boolean quiet, Secret password,
      ProviderCredentials credentials) {
    this.phase = phase;
    this.adopt = adopt;
    this.quiet = quiet;
    this.password = password;
    this.credentials = credentials;
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
    return new ScopeOptions(Objects.requireNonNull(phase, "phase"), adopt, quiet, password,
        credentials);
  }

  /** Adopts existing resources in this child scope instead of failing on conflicts. */
  public ScopeOptions adopt(boolean adopt) {
    return new ScopeOptions(phase, adopt, quiet, password, credentials);
  }

  /** Suppresses per-resource progress lines for this child scope. */
  public ScopeOptions quiet(boolean quiet) {
    return new ScopeOptions(phase, adopt, quiet, password, credentials);
  }

  /**
   * Overrides one kind of provider credentials in the child scope (and its children), e.g. the
   * parent's {@code AwsCredentials} in another region. Other kinds stay inherited.
   */
  public ScopeOptions credential(Object credential) {
    return new ScopeOptions(phase, adopt, quiet, password, credentials.with(credential));
  }

  /** Overrides every kind that {@code credentials} holds; other kinds stay inherited. */
  public ScopeOptions credentials(ProviderCredentials credentials) {
    return new ScopeOptions(phase, adopt, quiet, password, this.credentials.with(credentials));
  }

  /** The credentials this child scope overrides (none by default). */
  public ProviderCredentials credentials() {
    return credentials;
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
    return new ScopeOptions(phase, adopt, quiet, password, credentials);
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
