package io.alchemy.core;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory resource type for tests: "things" live in a map, every call is recorded, and a
 * prop can make a call fail. Changing {@code name} needs replacement.
 */
public class CountingProvider
    implements ResourceProvider<CountingProvider.Props, CountingProvider.Output> {

  /** Props: {@code name} is the physical identity, {@code value} changes in place. */
  public record Props(String name, String value, boolean failOnCreate) {
    /** A thing that does not fail. */
    public Props(String name, String value) {
      this(name, value, false);
    }
  }

  /** Output. */
  public record Output(String name, String value, int version) {}

  /** What exists "in the cloud": name to value. */
  public final Map<String, String> things = new ConcurrentHashMap<>();
  /** Every call, e.g. {@code create a}, {@code delete a}. */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  private final String type;

  /** A provider of type {@code test::Thing}. */
  public CountingProvider() {
    this("test::Thing");
  }

  /** A provider of another type. */
  public CountingProvider(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Class<Props> propsType() {
    return Props.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output create(ResourceContext context, Props props) {
    calls.add("create " + props.name());
    if (props.failOnCreate()) {
      throw new IllegalStateException("cannot create " + props.name());
    }
    things.put(props.name(), props.value());
    return new Output(props.name(), props.value(), 1);
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput) {
    calls.add("update " + newProps.name());
    things.put(newProps.name(), newProps.value());
    return new Output(newProps.name(), newProps.value(), oldOutput.version() + 1);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) {
    calls.add("delete " + props.name());
    things.remove(props.name());
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.name().equals(newProps.name());
  }
}
