package io.alchemy.core.engine;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a stopped run left unsettled (creating, updating or deleting), by type, as the
 * state was opened: a takeover or a replacement that stopped half way may have changed what
 * another record holds, which must then be applied again even with unchanged props.
 */
final class UnsettledRecords {

  private final Map<String, List<ResourceRecord>> byType = new HashMap<>();
  private final Keyring keyring;

  UnsettledRecords(Collection<ResourceRecord> records, Keyring keyring) {
    this.keyring = keyring;
    for (ResourceRecord record : records) {
      if (record.status() == ResourceStatus.CREATING
          || record.status() == ResourceStatus.UPDATING
          || record.status() == ResourceStatus.DELETING) {
        byType.computeIfAbsent(record.type(), type -> new ArrayList<>()).add(record);
      }
    }
  }

  /**
   * Whether an unsettled record under another address points at the same thing as {@code
   * record} (with {@code props} and {@code output}).
   */
  <P, O> boolean touch(ResourceProvider<P, O> provider, ResourceContext context,
      ResourceRecord record, P props, O output) {
    List<ResourceRecord> others = byType.getOrDefault(provider.type(), List.of());
    if (others.isEmpty() || (others.size() == 1
        && others.get(0).address().equals(record.address()))) {
      return false;
    }
    String identity = Identities.identity(provider, context, props, output);
    if (identity == null) {
      return false;
    }
    Identities identities = new Identities(keyring);
    for (ResourceRecord other : others) {
      if (!other.address().equals(record.address()) && identity.equals(
          identities.of(provider, context, other.props(), other.output(), other.fqn()))) {
        return true;
      }
    }
    return false;
  }
}
