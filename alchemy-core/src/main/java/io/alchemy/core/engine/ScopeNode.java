package io.alchemy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.DuplicateIdException;
import io.alchemy.core.Pending;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.Scope;
import io.alchemy.core.ScopeBody;
import io.alchemy.core.ScopeFunction;
import io.alchemy.core.ScopeOptions;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's {@link Scope}: one node of the tree, bound to one {@link Deployment}. */
final class ScopeNode implements Scope {

  private final Deployment deployment;
  private final ScopeNode parent;
  private final String name;
  private final List<String> chain;
  /** The chain joined once: every resource declared in the scope names it. */
  private final String chainFqn;
  private final String path;
  private final Phase phase;
  private final boolean adopt;
  private final boolean quiet;
  private final String passwordOwner;
  private final ProviderCredentials credentials;
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> data;
  private volatile boolean failed;
  /** Set when this scope's body or a branch of it failed: no new provider call starts in it. */
  private volatile Throwable cancelledBy;
  private final List<Branch<?>> branches = new ArrayList<>();
  private volatile Map<String, Map<String, String>> recordedSettings;

  private ScopeNode(Deployment deployment, ScopeNode parent, String name, String path,
      Phase phase, boolean adopt, boolean quiet, String passwordOwner,
      ProviderCredentials credentials) {
    this.deployment = deployment;
    this.parent = parent;
    this.name = name;
    List<String> chain = new ArrayList<>(parent == null ? List.of() : parent.chain);
    chain.add(name);
    this.chain = List.copyOf(chain);
    this.chainFqn = String.join("/", chain);
    this.path = path;
    this.phase = phase;
    this.adopt = adopt;
    this.quiet = quiet;
    this.passwordOwner = passwordOwner;
    this.credentials = credentials;
    ScopeRecord record = path == null ? null : deployment.state().scopes().get(path);
    this.data = new LinkedHashMap<>(record == null ? Map.of() : record.values());
  }

  static ScopeNode root(Deployment deployment) {
    RunSettings s = deployment.settings();
    return new ScopeNode(deployment, null, s.app(), null, s.phase(), s.adopt(), s.quiet(), "",
        s.credentials());
  }

  ScopeNode stageScope() {
    RunSettings s = deployment.settings();
    return new ScopeNode(deployment, this, s.stage(), "", phase, adopt, quiet, "", credentials);
  }

  /** The non-secret settings of this scope's credentials, recorded with what it makes. */
  Map<String, Map<String, String>> recordedSettings() {
    Map<String, Map<String, String>> settings = recordedSettings;
    if (settings == null) {
      settings = Map.copyOf(credentials.recordedSettings());
      recordedSettings = settings;
    }
    return settings;
  }

  /**
   * This scope as the provider of a deletion sees it: with {@code settings}, recorded when the
   * resource was made, applied to this scope's credentials, so it is deleted where it was made.
   */
  ScopeNode withRecordedSettings(Map<String, Map<String, String>> settings) {
    if (settings.isEmpty() || settings.equals(recordedSettings())) {
      return this;
    }
    return new ScopeNode(deployment, parent, name, path, phase, adopt, quiet, passwordOwner,
        credentials.withRecordedSettings(settings));
  }

  /** The path of the scope whose password encrypts this scope's secrets ({@code ""}: the app's). */
  String passwordOwner() {
    return passwordOwner;
  }

  /** The scope path below the stage: {@code ""} for the stage, {@code null} for the root. */
  String path() {
    return path;
  }

  boolean failed() {
    return failed;
  }

  void markFailed(Throwable error) {
    failed = true;
    if (error != null) {
      cancelledBy = error;
      deployment.charge(error);
    }
    deployment.recordFailure(chainFqn(), error);
  }

  /**
   * A branch started in this scope threw {@code error}. What failed in it fails this scope; a
   * failure that a child scope already answered for waits until it reaches this scope's code, so
   * that the child's siblings finish their work.
   */
  void branchFailed(Throwable error) {
    if (!deployment.charged(error) && !(error instanceof NotStartedException)) {
      markFailed(error);
    }
  }

  Scheduler scheduler() {
    return deployment.scheduler();
  }

  /** Refuses a new provider call when this scope or one above it failed. */
  private void requireNotCancelled(String id) {
    for (ScopeNode scope = this; scope != null; scope = scope.parent) {
      Throwable cause = scope.cancelledBy;
      if (cause != null) {
        throw new NotStartedException("Resource " + fqn(id) + " was not started: scope "
            + scope.chainFqn() + " failed before it (" + AlchemyException.describe(cause)
            + "). Nothing was changed for it.", cause);
      }
    }
  }

  /**
   * Waits for the branches started in this scope, then joins them into the caller's strand.
   *
   * @return the first failure among them, in time, or {@code null}
   */
  Exception awaitBranches() throws InterruptedException {
    List<Branch<?>> started;
    synchronized (branches) {
      started = new ArrayList<>(branches);
    }
    return started.isEmpty() ? null : scheduler().awaitAll(started);
  }

  String chainFqn() {
    return chainFqn;
  }

  @Override
  public String appName() {
    return deployment.settings().app();
  }

  @Override
  public String stage() {
    return deployment.settings().stage();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String scopeName() {
    return name;
  }

  @Override
  public List<String> chain() {
    return chain;
  }

  @Override
  public Optional<Scope> parent() {
    return Optional.ofNullable(parent);
  }

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public boolean local() {
    return deployment.settings().local();
  }

  @Override
  public boolean watch() {
    return deployment.settings().watch();
  }

  @Override
  public boolean quiet() {
    return quiet;
  }

  @Override
  public boolean adopt() {
    return adopt;
  }

  @Override
  public ProviderCredentials providerCredentials() {
    return credentials;
  }

  @Override
  public <C> C localServer(Class<C> credentialsType) {
    Objects.requireNonNull(credentialsType, "credentialsType");
    if (!local()) {
      throw new AlchemyException("Scope " + chainFqn() + " asked for a local "
          + credentialsType.getSimpleName() + " server, but this run is not in local mode. Ask"
          + " only when scope.local() is true (" + deployment.settings().hints().local() + ").");
    }
    return deployment.localServers().credentials(credentialsType);
  }

  @Override
  public String fqn(String id) {
    return chainFqn() + "/" + id;
  }

  @Override
  public <P, O> O resource(String id, ResourceProvider<P, O> provider, P props,
      ResourceOptions options) throws Exception {
    requireBelowRoot("declare resources");
    NameRules.checkId("resource id", id, chainFqn());
    Objects.requireNonNull(provider, () -> "provider of " + fqn(id));
    Objects.requireNonNull(props, () -> "props of " + fqn(id));
    Objects.requireNonNull(options, () -> "options of " + fqn(id));
    claim(id, "resource");
    if (phase == Phase.UP || phase == Phase.PLAN) {
      requireNotCancelled(id);
    }
    return deployment.apply(this, id, provider, props, options);
  }

  @Override
  public <T> Pending<T> async(ScopeFunction<T> work) {
    return start(work);
  }

  private <T> Branch<T> start(ScopeFunction<T> work) {
    requireBelowRoot("start work");
    Objects.requireNonNull(work, "work");
    Branch<T> branch = scheduler().start(this, work);
    synchronized (branches) {
      branches.add(branch);
    }
    return branch;
  }

  @Override
  public <T> void forEach(Iterable<? extends T> items, ItemBody<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    map(items, (scope, item) -> {
      body.accept(scope, item);
      return null;
    });
  }

  @Override
  public <T, R> List<R> map(Iterable<? extends T> items, ItemFunction<T, R> function)
      throws Exception {
    requireBelowRoot("start work");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(function, "function");
    List<Branch<R>> started = new ArrayList<>();
    for (T item : items) {
      started.add(start(scope -> function.apply(scope, item)));
    }
    Exception failure = scheduler().awaitAll(started);
    if (failure != null) {
      throw failure;
    }
    List<R> results = new ArrayList<>(started.size());
    for (Branch<R> branch : started) {
      results.add(branch.value());
    }
    return results;
  }

  @Override
  public void run(String name, ScopeBody body) throws Exception {
    run(name, ScopeOptions.defaults(), body);
  }

  @Override
  public void run(String name, ScopeOptions options, ScopeBody body) throws Exception {
    Objects.requireNonNull(body, "body");
    call(name, options, scope -> {
      body.accept(scope);
      return null;
    });
  }

  @Override
  public <T> T call(String name, ScopeFunction<T> body) throws Exception {
    return call(name, ScopeOptions.defaults(), body);
  }

  @Override
  public <T> T call(String name, ScopeOptions options, ScopeFunction<T> body) throws Exception {
    requireBelowRoot("open child scopes");
    NameRules.checkId("scope name", name, chainFqn());
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(body, "body");
    claim(name, "child scope");
    String childPath = ResourceRecord.address(path, name);
    if (options.password().isPresent()) {
      deployment.keyring().add(childPath, options.password().get(), deployment.state());
    }
    ScopeNode child = new ScopeNode(deployment, this, name, childPath,
        childPhase(options), options.adopt().orElse(adopt),
        options.quiet().orElse(quiet),
        options.password().isPresent() ? childPath : passwordOwner,
        credentials.with(options.credentials()));
    deployment.scopes().add(child);
    T result;
    try {
      result = body.apply(child);
    } catch (Exception | Error e) {
      child.markFailed(e);
      // Structured: the body does not return while work it started runs; their failures are
      // the scope's already.
      child.awaitBranches();
      throw e;
    }
    Exception branchFailure = child.awaitBranches();
    if (branchFailure != null) {
      child.markFailed(branchFailure);
      throw branchFailure;
    }
    return result;
  }

  /** A plan changes nothing, so a child scope asked to run in phase UP is planned too. */
  private Phase childPhase(ScopeOptions options) {
    Phase asked = options.phase().orElse(phase);
    return asked == Phase.UP && deployment.settings().phase() == Phase.PLAN ? Phase.PLAN : asked;
  }

  private void claim(String id, String kind) {
    String previous = names.putIfAbsent(id, kind);
    if (previous != null) {
      throw new DuplicateIdException("Duplicate id '" + id + "' in scope " + chainFqn() + ": a "
          + previous + " of that name was already declared in this run. Ids must be unique"
          + " within a scope (resources and child scopes share one namespace); rename one.");
    }
  }

  private void requireBelowRoot(String what) {
    if (path == null) {
      throw new AlchemyException("The root scope " + name + " cannot " + what + ": use the stage"
          + " scope that InfrastructureDefinition.define receives, or a child scope of it.");
    }
  }

  @Override
  public void set(String key, Object value) {
    requireBelowRoot("hold state");
    Objects.requireNonNull(key, "key");
    if (value == null) {
      delete(key);
      return;
    }
    JsonNode node = deployment.keyring().seal(JsonValues.toTree(value), passwordOwner,
        "Scope state '" + key + "' of " + chainFqn());
    synchronized (data) {
      data.put(key, node);
      persist();
    }
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    requireBelowRoot("hold state");
    JsonNode node;
    synchronized (data) {
      node = data.get(key);
    }
    String where = "value of '" + key + "' in scope " + chainFqn();
    return Optional.ofNullable(
        JsonValues.fromTree(deployment.keyring().unseal(node, where), type, where));
  }

  @Override
  public void delete(String key) {
    requireBelowRoot("hold state");
    synchronized (data) {
      if (data.remove(key) != null) {
        persist();
      }
    }
  }

  /** The read phase changes nothing, so its scope state lives only in memory. */
  private void persist() {
    Phase run = deployment.settings().phase();
    if (phase == Phase.READ || phase == Phase.PLAN || run == Phase.READ || run == Phase.PLAN) {
      return;
    }
    if (data.isEmpty()) {
      deployment.state().removeScope(path);
    } else {
      deployment.state().putScope(new ScopeRecord(ResourceRecord.FORMAT_VERSION, path, data));
    }
  }

  @Override
  public String createPhysicalName(String id) {
    return createPhysicalName(id, "-");
  }

  @Override
  public String createPhysicalName(String id, String delimiter) {
    return createPhysicalName(id, delimiter, Integer.MAX_VALUE);
  }

  @Override
  public String createPhysicalName(String id, String delimiter, int maxLength) {
    List<String> below = chain.size() > 2 ? chain.subList(2, chain.size()) : List.of();
    return PhysicalName.create(appName(), below, id, stage(), delimiter, maxLength);
  }

  @Override
  public void defer(Deferred work) {
    Objects.requireNonNull(work, "work");
    deployment.deferred().add(() -> {
      try {
        work.run();
      } catch (Exception | Error e) {
        markFailed(e);
        throw e;
      }
    });
  }

  @Override
  public void onCleanup(Cleanup handler) {
    deployment.cleanups().add(Objects.requireNonNull(handler, "handler"));
  }

  @Override
  public void fail() {
    failed = true;
    deployment.recordFailure(chainFqn(), null);
  }

  @Override
  public String toString() {
    return "Scope " + chainFqn();
  }
}
