package io.alchemy.core.engine;

import io.alchemy.core.Hints;
import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.secret.SecretBox;
import io.alchemy.core.secret.SecretMask;
import io.alchemy.core.secret.SecretTrees;
import io.alchemy.core.secret.WrongPasswordException;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passwords of one run, by the scope path that set them ({@code ""} for the app's), and the
 * place where secrets cross between plain trees in memory and encrypted trees in state. A session
 * keeps one for all its runs, so that a redeploy does not derive the same keys again (PBKDF2 with
 * 600,000 iterations costs 100 ms or more per password).
 */
public final class Keyring {

  private final Map<String, SecretBox> boxes = new ConcurrentHashMap<>();
  private final Map<String, Secret> passwords = new ConcurrentHashMap<>();
  // Built once per password added, not per provider call.
  private volatile SecretMask mask = SecretMask.NONE;
  private final String app;
  private final String stage;
  private final Hints hints;

  /**
   * @param app the app, for messages
   * @param stage the stage, for messages
   * @param appPassword the app password, or {@code null} when none is configured
   * @param hints how messages say where a password can come from
   */
  public Keyring(String app, String stage, Secret appPassword, Hints hints) {
    this.app = app;
    this.stage = stage;
    this.hints = hints;
    if (appPassword != null && !appPassword.reveal().isEmpty()) {
      boxes.put("", new SecretBox(appPassword));
      passwords.put("", appPassword);
      mask = SecretMask.of(passwords.values());
    }
  }

  /** A mask of every password this keyring holds, for text a provider brings in. */
  SecretMask mask() {
    return mask;
  }

  /**
   * Registers a child scope's own password and checks it against the secrets it encrypted
   * before, so a wrong one fails before the scope changes anything.
   */
  void add(String owner, Secret password, StageState state) {
    // The same password as in an earlier run of the session keeps its derived keys.
    boxes.compute(owner, (path, box) ->
        box != null && box.holds(password) ? box : new SecretBox(password));
    synchronized (passwords) {
      passwords.put(owner, password);
      mask = SecretMask.of(passwords.values());
    }
    verify(owner, state);
  }

  /** Checks that the password of {@code owner} opens every secret in state that it sealed. */
  void verify(String owner, StageState state) {
    for (ResourceRecord record : state.resources().values()) {
      verify(owner, record.props(), record.fqn());
      verify(owner, record.output(), record.fqn());
      verify(owner, record.pendingProps(), record.fqn());
      for (ResourceRecord.Instance old : record.replacedInstances()) {
        verify(owner, old.props(), record.fqn());
        verify(owner, old.output(), record.fqn());
      }
    }
    for (ScopeRecord scope : state.scopes().values()) {
      for (JsonNode value : scope.values().values()) {
        verify(owner, value, fqn(scope.scope()) + " (scope state)");
      }
    }
  }

  private void verify(String owner, JsonNode tree, String where) {
    SecretTrees.forEachSealed(tree, envelope -> {
      if (owner.equals(envelope.path("owner").asText())) {
        open(envelope, where);
      }
    });
  }

  /** Encrypts the secrets of {@code plain} with the password that applies in {@code owner}. */
  JsonNode seal(JsonNode plain, String owner, String where) {
    if (!SecretTrees.hasPlain(plain)) {
      return plain;
    }
    SecretBox box = requireBox(owner, where + " holds a secret");
    return SecretTrees.seal(plain, value -> box.seal(value, owner));
  }

  /**
   * Fails, as {@link #seal} would, when no password applies in {@code owner}: before a provider
   * makes something whose output holds a secret that could not be stored.
   *
   * @param what e.g. {@code "The output of resource my-app/dev/token is a secret"}
   */
  void requirePassword(String owner, String what) {
    requireBox(owner, what);
  }

  private SecretBox requireBox(String owner, String what) {
    SecretBox box = boxes.get(owner);
    if (box == null) {
      throw new WrongPasswordException(what + ", but no password is configured to encrypt it,"
          + " and Alchemy never stores a secret in plain text. Set the app password"
          + " (" + hints.password() + ") or give the scope its own with"
          + " ScopeOptions.password(...). Nothing was changed for it.");
    }
    return box;
  }

  /** Decrypts the secrets of {@code sealed} for use in memory. */
  JsonNode unseal(JsonNode sealed, String where) {
    return SecretTrees.unseal(sealed, envelope -> open(envelope, where));
  }

  private String open(JsonNode envelope, String where) {
    String owner = envelope.path("owner").asText();
    SecretBox box = boxes.get(owner);
    String ownerName = owner.isEmpty() ? "the app " + app : "scope " + fqn(owner);
    if (box == null) {
      throw new WrongPasswordException("The secrets of " + where + " are encrypted with the"
          + " password of " + ownerName + ", and none is configured in this run. "
          + (owner.isEmpty()
              ? "Set the app password (" + hints.password() + ")."
              : "Run that scope with its password (ScopeOptions.password(...)).")
          + " Nothing was changed.");
    }
    String plain;
    try {
      plain = box.open(envelope);
    } catch (IllegalArgumentException e) {
      throw new WrongPasswordException("A secret of " + where + " cannot be read: "
          + e.getMessage() + ". Nothing was changed.");
    }
    if (plain == null) {
      throw new WrongPasswordException("Wrong password for " + ownerName + ": it does not decrypt"
          + " the secrets of " + where + " in state. Use the password they were encrypted with;"
          + " nothing was changed or overwritten.");
    }
    return plain;
  }

  private String fqn(String scopePath) {
    return app + "/" + stage + (scopePath.isEmpty() ? "" : "/" + scopePath);
  }
}
