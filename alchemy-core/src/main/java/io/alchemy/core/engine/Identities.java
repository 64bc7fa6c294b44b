package io.alchemy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which recorded instance is which thing in the world ({@link ResourceProvider#identity}), so
 * that ownership is proven from state: a create that finds its thing already there may take it
 * over only when an instance of the stage is that thing, and finalization never deletes an
 * instance that a current record now points to.
 */
final class Identities {

  private final Keyring keyring;

  Identities(Keyring keyring) {
    this.keyring = keyring;
  }

  /**
   * The identity of a recorded instance, or {@code null} when the provider cannot say or the
   * instance cannot be read in this run (a secret of a scope not entered): then it proves
   * nothing.
   */
  <P, O> String of(ResourceProvider<P, O> provider, ResourceContext context, JsonNode props,
      JsonNode output, String fqn) {
    try {
      P p = JsonValues.fromTree(keyring.unseal(props, fqn), provider.propsType(), "props of " + fqn);
      O o = output == null ? null : JsonValues.fromTree(keyring.unseal(output, fqn),
          provider.outputType(), "output of " + fqn);
      return p == null ? null : identity(provider, context, p, o);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** The identity of an instance already read, or {@code null} when the provider cannot say. */
  static <P, O> String identity(ResourceProvider<P, O> provider, ResourceContext context,
      P props, O output) {
    try {
      return provider.identity(context, props, output);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  /**
   * The record of the stage that holds {@code identity}: its current instance (unless it is
   * {@code creating} itself, which is what is being made; {@code null} for none) or one of its
   * old instances.
   *
   * @return the owning record, or {@code null} when no instance of the stage is that thing
   */
  <P, O> ResourceRecord owner(ResourceProvider<P, O> provider, ResourceContext context,
      String identity, ResourceRecord creating, Collection<ResourceRecord> records) {
    for (ResourceRecord other : records) {
      if (!other.type().equals(provider.type())) {
        continue;
      }
      if ((creating == null || !other.address().equals(creating.address()))
          && identity.equals(of(provider, context, other.props(), other.output(), other.fqn()))) {
        return other;
      }
      for (ResourceRecord.Instance old : other.replacedInstances()) {
        if (identity.equals(of(provider, context, old.props(), old.output(), other.fqn()))) {
          return other;
        }
      }
    }
    return null;
  }

  /**
   * What the current instances of {@code records} are, by type and identity, for the types in
   * {@code types} only: the records that stay after a run, whose things must not be deleted.
   *
   * @param providers the provider of a recorded type, or {@code null} when none is found
   * @param contexts the context a record's provider sees
   * @return a key ({@link #key}) per identity, with the FQN of a record holding it
   */
  Map<String, String> current(Collection<ResourceRecord> records, Set<String> types,
      Function<String, ResourceProvider<?, ?>> providers,
      Function<ResourceRecord, ResourceContext> contexts) {
    Map<String, String> held = new HashMap<>();
    for (ResourceRecord record : records) {
      if (!types.contains(record.type())) {
        continue;
      }
      ResourceProvider<?, ?> provider = providers.apply(record.type());
      if (provider == null) {
        continue;
      }
      String identity = of(provider, contexts.apply(record), record.props(), record.output(),
          record.fqn());
      if (identity != null) {
        held.put(key(record.type(), identity), record.fqn());
      }
    }
    return held;
  }

  /** The key of an identity among those of all types. */
  static String key(String type, String identity) {
    return type + "\u0000" + identity;
  }
}
