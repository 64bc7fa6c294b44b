package io.alchemy.bench;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource that exists nowhere and takes a fixed time per create, update and delete, as a
 * cloud API's round trip does: what the engine's concurrency can win is waiting, not CPU. It
 * also counts how many of its calls ran at once at most, so a benchmark can show the bound.
 */
final class SleepingProvider
    extends TypedResourceProvider<SleepingProvider.Props, SleepingProvider.Output> {

  /**
   * @param name the resource's name
   * @param value anything; a new value is an update in place
   */
  record Props(String name, String value) {}

  /** @param name the name it was created with */
  record Output(String name) {}

  private final long millis;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  /** Each call sleeps {@code millis}. */
  SleepingProvider(long millis) {
    super("bench::Sleeping", Props.class, Output.class);
    this.millis = millis;
  }

  @Override
  public Output create(ResourceContext context, Props props) throws InterruptedException {
    sleep();
    return new Output(props.name());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws InterruptedException {
    sleep();
    return oldOutput;
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output)
      throws InterruptedException {
    sleep();
  }

  /** The most calls that were running at one moment since the last {@link #resetMostAtOnce()}. */
  int mostAtOnce() {
    return mostAtOnce.get();
  }

  void resetMostAtOnce() {
    mostAtOnce.set(0);
  }

  private void sleep() throws InterruptedException {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      Thread.sleep(millis);
    } finally {
      running.decrementAndGet();
    }
  }
}
