package it.sequential;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import java.util.List;

/**
 * A root marker, then ten child scopes at once, each a chain of five markers (each one's props
 * use the previous one's output), then one marker after all of them: 52 slow resources.
 */
public class Regions implements InfrastructureDefinition {

  static final List<String> REGIONS =
      List.of("eu", "us", "ap", "sa", "af", "me", "ca", "au", "in", "jp");

  static final int CHAIN = 5;

  private static final SlowMarker MARKER = new SlowMarker();

  @Override
  public void define(Scope scope) throws Exception {
    SlowMarker.Output root = scope.resource("root", MARKER,
        new SlowMarker.Props("root", List.of()));
    scope.forEach(REGIONS, (s, region) -> s.run(region, r -> {
      SlowMarker.Output previous = root;
      for (int i = 1; i <= CHAIN; i++) {
        previous = r.resource("r" + i, MARKER,
            new SlowMarker.Props(region + "-r" + i, List.of(previous.name())));
      }
    }));
    scope.resource("summary", MARKER, new SlowMarker.Props("summary",
        REGIONS.stream().map(region -> region + "-r" + CHAIN).toList()));
  }
}
