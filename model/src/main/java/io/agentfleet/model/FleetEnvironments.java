package io.agentfleet.model;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every environment a fleet file declares, in the order dev, staging, production; production alone for a file
 * without {@code environments:}. Read with {@link FleetYaml#readEnvironments}.
 *
 * @param declared whether the file has an {@code environments:} section
 * @param all the environments, in order
 */
public record FleetEnvironments(boolean declared, List<FleetEnvironment> all) {
  /** The environment names a fleet file may declare, in order. */
  public static final List<String> KNOWN = Environments.KNOWN;

  public FleetEnvironments {
    all = List.copyOf(all);
  }

  /** A single environment, as written in Java or read from a file without {@code environments:}. */
  public static FleetEnvironments of(String name, FleetSpec spec) {
    return new FleetEnvironments(false, List.of(FleetEnvironment.of(name, spec)));
  }

  /** The names, in order. */
  public List<String> names() {
    return all.stream().map(FleetEnvironment::name).toList();
  }

  /** The environment of that name; one the fleet does not declare is an error naming those it does. */
  public FleetEnvironment get(String name) {
    return all.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new NoSuchElementException(
        "the fleet declares no environment '" + name + "' (declared: " + String.join(", ", names()) + ")"));
  }
}
