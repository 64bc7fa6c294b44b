package io.alchemy.core.concurrency;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Things that depend on other things, as a cloud's resources do: a thing names the things whose
 * outputs it was made from, and deleting a thing that another one still depends on fails. Every
 * call can take a while, and the provider counts how many run at once.
 */
public class DependentThings
    implements ResourceProvider<DependentThings.Props, DependentThings.Output> {

  /**
   * @param name the thing's name, unique in the test
   * @param uses the names of the things it was made from (their outputs)
   * @param millis how long each call takes
   * @param fail a message to fail create with, or {@code null}
   */
  public record Props(String name, List<String> uses, int millis, String fail) {}

  /** Output: the name, and when the create call ran (System.nanoTime). */
  public record Output(String name, long started, long ended) {}

  /** What exists: name to the names it uses. */
  public final Map<String, List<String>> things = new ConcurrentHashMap<>();
  /** Every finished call, in order: {@code create a}, {@code delete b}. */
  public final List<String> calls = new CopyOnWriteArrayList<>();
  /** Names whose delete fails. */
  public final List<String> failDelete = new CopyOnWriteArrayList<>();

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  @Override
  public String type() {
    return "test::DependentThing";
  }

  @Override
  public Class<Props> propsType() {
    return Props.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  /** The most calls that ran at once so far. */
  public int mostInFlight() {
    return mostInFlight.get();
  }

  /** Forgets the calls and the most in flight, keeping the things. */
  public void reset() {
    calls.clear();
    mostInFlight.set(0);
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    long started = System.nanoTime();
    enter(props.millis());
    try {
      for (String used : props.uses()) {
        if (!things.containsKey(used)) {
          throw new IllegalStateException(props.name() + " uses " + used + ", which does not"
              + " exist");
        }
      }
      if (props.fail() != null) {
        throw new IllegalStateException(props.fail());
      }
      things.put(props.name(), List.copyOf(props.uses()));
      calls.add("create " + props.name());
      return new Output(props.name(), started, System.nanoTime());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    enter(newProps.millis());
    try {
      things.put(newProps.name(), List.copyOf(newProps.uses()));
      calls.add("update " + newProps.name());
      return oldOutput;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    enter(props.millis());
    try {
      List<String> dependents = new ArrayList<>();
      things.forEach((name, uses) -> {
        if (uses.contains(props.name())) {
          dependents.add(name);
        }
      });
      if (!dependents.isEmpty()) {
        throw new IllegalStateException("cannot delete " + props.name() + ": " + dependents
            + " still use it");
      }
      if (failDelete.contains(props.name())) {
        throw new IllegalStateException("delete of " + props.name() + " refused");
      }
      things.remove(props.name());
      calls.add("delete " + props.name());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.name().equals(newProps.name());
  }

  private void enter(int millis) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
