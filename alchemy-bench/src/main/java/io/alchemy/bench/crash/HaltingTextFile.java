package io.alchemy.bench.crash;

import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link TextFile} provider, halting the JVM (as a kill -9 would: no shutdown hooks, no
 * finally blocks) just before or just after its N-th create, update or delete. Same type name, so
 * state records the real type, and the engine uses this instance for orphans and old instances
 * too: every provider call of a run is counted.
 *
 * <p>Calls may run at once (forEach, parallel deletions): each gets its number as it starts, and
 * the halt comes before or after the call that got number N, whatever the others are doing. The
 * halt line says how many other calls were in flight then.
 */
final class HaltingTextFile implements ResourceProvider<TextFile.Props, TextFile.Output> {

  /** The exit code of a halted child, the one a SIGKILL gives. */
  static final int HALTED = 137;

  private final TextFile real = TextFile.provider();
  private final int haltAt;
  private final boolean afterCall;
  private final long pauseMillis;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long firstCallNanos;

  /**
   * @param haltAt the call (1-based) at which to halt; 0 never halts
   * @param afterCall halt once that call returned, instead of before it starts
   * @param pauseMillis how long each call waits after its file work before it returns, so that
   *     concurrent calls overlap; 0 for none
   */
  HaltingTextFile(int haltAt, boolean afterCall, long pauseMillis) {
    this.haltAt = haltAt;
    this.afterCall = afterCall;
    this.pauseMillis = pauseMillis;
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
    int number = before(call);
    try {
      TextFile.Output output = real.create(context, props);
      pause();
      return output;
    } finally {
      after(number, call);
    }
  }

  @Override
  public TextFile.Output update(ResourceContext context, TextFile.Props oldProps,
      TextFile.Props newProps, TextFile.Output oldOutput) throws Exception {
    String call = "update " + context.fqn() + " at " + newProps.path();
    int number = before(call);
    try {
      TextFile.Output output = real.update(context, oldProps, newProps, oldOutput);
      pause();
      return output;
    } finally {
      after(number, call);
    }
  }

  @Override
  public void delete(ResourceContext context, TextFile.Props props, TextFile.Output output)
      throws Exception {
    String call = "delete " + context.fqn() + " at " + props.path();
    int number = before(call);
    try {
      real.delete(context, props, output);
      pause();
    } finally {
      after(number, call);
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
    return calls.get() == 0 ? OptionalLong.empty() : OptionalLong.of(firstCallNanos);
  }

  /** Counts the call in; returns its number. */
  private int before(String call) {
    int number = calls.incrementAndGet();
    if (number == 1) {
      firstCallNanos = System.nanoTime();
      System.out.println(CrashChild.FIRST_CALL);
      System.out.flush();
    }
    if (!afterCall && number == haltAt) {
      halt("before", number, call);
    }
    inFlight.incrementAndGet();
    return number;
  }

  /** Also after a call that threw: the file a move keeps is found taken, and the run goes on. */
  private void after(int number, String call) {
    inFlight.decrementAndGet();
    if (afterCall && number == haltAt) {
      halt("after", number, call);
    }
  }

  private void pause() throws InterruptedException {
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis);
    }
  }

  private void halt(String when, int number, String call) {
    // The parent quotes this line in a failure report: which call the run died at, and how many
    // others were between their start and their return.
    System.out.println(CrashChild.HALT + " " + when + " call " + number + " (" + inFlight.get()
        + " " + CrashChild.IN_FLIGHT + "): " + call);
    System.out.flush();
    Runtime.getRuntime().halt(HALTED);
  }
}
