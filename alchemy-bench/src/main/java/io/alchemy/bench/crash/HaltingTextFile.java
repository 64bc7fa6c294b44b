package io.alchemy.bench.crash;

import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The real {@link TextFile} provider, halting the JVM (as a kill -9 would: no shutdown hooks, no
 * finally blocks) just before or just after its N-th create, update or delete. Same type name, so
 * state records the real type, and the engine uses this instance for orphans and old instances
 * too: every provider call of a run is counted.
 */
final class HaltingTextFile implements ResourceProvider<TextFile.Props, TextFile.Output> {

  /** The exit code of a halted child, the one a SIGKILL gives. */
  static final int HALTED = 137;

  private final TextFile real = TextFile.provider();
  private final int haltAt;
  private final boolean afterCall;
  private int calls;
  private long firstCallNanos;

  /**
   * @param haltAt the call (1-based) at which to halt; 0 never halts
   * @param afterCall halt once that call returned, instead of before it starts
   */
  HaltingTextFile(int haltAt, boolean afterCall) {
    this.haltAt = haltAt;
    this.afterCall = afterCall;
  }

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public Class<TextFile.Props> propsType() {
    return real.propsType();
  }

  @Override
  public Class<TextFile.Output> outputType() {
    return real.outputType();
  }

  @Override
  public TextFile.Output create(ResourceContext context, TextFile.Props props) throws Exception {
    String call = "create " + context.fqn() + " at " + props.path();
    before(call);
    try {
      return real.create(context, props);
    } finally {
      after(call);
    }
  }

  @Override
  public TextFile.Output update(ResourceContext context, TextFile.Props oldProps,
      TextFile.Props newProps, TextFile.Output oldOutput) throws Exception {
    String call = "update " + context.fqn() + " at " + newProps.path();
    before(call);
    try {
      return real.update(context, oldProps, newProps, oldOutput);
    } finally {
      after(call);
    }
  }

  @Override
  public void delete(ResourceContext context, TextFile.Props props, TextFile.Output output)
      throws Exception {
    String call = "delete " + context.fqn() + " at " + props.path();
    before(call);
    try {
      real.delete(context, props, output);
    } finally {
      after(call);
    }
  }

  @Override
  public Optional<TextFile.Output> read(ResourceContext context, TextFile.Props props)
      throws Exception {
    return real.read(context, props);
  }

  @Override
  public String physicalName(TextFile.Props props, TextFile.Output output) {
    return real.physicalName(props, output);
  }

  @Override
  public String identity(ResourceContext context, TextFile.Props props, TextFile.Output output) {
    return real.identity(context, props, output);
  }

  @Override
  public void check(ResourceContext context, TextFile.Props props) throws Exception {
    real.check(context, props);
  }

  @Override
  public boolean requiresReplacement(TextFile.Props oldProps, TextFile.Props newProps) {
    return real.requiresReplacement(oldProps, newProps);
  }

  /** When the first call started ({@link System#nanoTime()}), if there was one. */
  OptionalLong firstCallNanos() {
    return calls == 0 ? OptionalLong.empty() : OptionalLong.of(firstCallNanos);
  }

  private void before(String call) {
    calls++;
    if (calls == 1) {
      firstCallNanos = System.nanoTime();
      System.out.println(CrashChild.FIRST_CALL);
      System.out.flush();
    }
    if (!afterCall && calls == haltAt) {
      halt("before", call);
    }
  }

  /** Also after a call that threw: the file a move keeps is found taken, and the run goes on. */
  private void after(String call) {
    if (afterCall && calls == haltAt) {
      halt("after", call);
    }
  }

  private void halt(String when, String call) {
    // The parent quotes this line in a failure report: which call the run died at.
    System.out.println(CrashChild.HALT + " " + when + " call " + calls + ": " + call);
    System.out.flush();
    Runtime.getRuntime().halt(HALTED);
  }
}
