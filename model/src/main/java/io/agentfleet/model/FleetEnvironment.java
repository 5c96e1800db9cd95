package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One environment of a fleet file: the shared description with the values written under
 * {@code environments.<name>} merged in ({@link #spec()}), and which of its values those were. A profile's preset
 * adjusts the shared description; {@link #pin} puts the environment's own values back over whatever a preset set,
 * so a value written for an environment always wins.
 */
public final class FleetEnvironment {
  private final String name;
  private final FleetSpec spec;
  private final SortedSet<String> overridden;
  private final ObjectNode override;
  private final boolean ownsOperators;

  FleetEnvironment(String name, FleetSpec spec, SortedSet<String> overridden, ObjectNode override,
      boolean ownsOperators) {
    this.ownsOperators = ownsOperators;
    this.name = Objects.requireNonNull(name, "name");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.overridden = Collections.unmodifiableSortedSet(new TreeSet<>(overridden));
    this.override = override == null ? null : override.deepCopy();
  }

  /** An environment without values of its own (a fleet built in Java, or one that declares no environments). */
  public static FleetEnvironment of(String name, FleetSpec spec) {
    return new FleetEnvironment(name, spec, new TreeSet<>(), null, true);
  }

  /** The environment's name: dev, staging or production. */
  public String name() {
    return name;
  }

  /**
   * Whether this environment's Argo CD root syncs the cluster's operators: the one of the fleet's environments whose
   * preset asks the most (production, else staging, else dev), so that all of them under one Argo CD install the
   * operators once. Fixed by which environments are declared, never by another environment's values: a change to
   * dev never moves the operators out of production's tree.
   */
  public boolean ownsOperators() {
    return ownsOperators;
  }

  /** The fleet as this environment describes it: the shared values with the environment's own merged over them. */
  public FleetSpec spec() {
    return spec;
  }

  /** The paths (as in messages: {@code subAgents[s1].replicas}) whose value the environment wrote itself. */
  public SortedSet<String> overridden() {
    return overridden;
  }

  /** Whether {@code path} (a resolved path such as {@code subAgents[s1].replicas.max}) lies under a value of the environment's own. */
  public boolean isOverridden(String path) {
    return overridden.stream().anyMatch(o -> under(path, o));
  }

  /** {@code applied} (the spec after a preset) with the environment's own values put back over the preset's. */
  public FleetSpec pin(FleetSpec applied) {
    if (override == null || override.isEmpty()) {
      return applied;
    }
    ObjectNode tree = FleetYaml.tree(applied);
    Environments.mergeValues(tree, override);
    return FleetYaml.bind(tree);
  }

  /** These sources with every value the environment wrote noted by its place in fleet.yaml: {@code environments.dev.subAgents[s1].replicas}. */
  public Sources sources(Sources sources) {
    if (overridden.isEmpty()) {
      return sources;
    }
    SortedMap<String, String> notes = new TreeMap<>();
    sources.all().forEach((path, source) -> {
      if (isOverridden(path)) {
        String note = source.kind() == Sources.Kind.WRITTEN ? source.note() : written(path);
        notes.put(path, "environments." + name + "." + note);
      }
    });
    return sources.withWritten(notes);
  }

  /** The path as written for a resolved path ({@code subAgents[s1].replicas.max} → {@code subAgents[s1].replicas}). */
  private String written(String path) {
    return overridden.stream().filter(o -> under(path, o)).findFirst().orElse(path);
  }

  static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
  }

  @Override
  public String toString() {
    return "FleetEnvironment[" + name + ", " + overridden.size() + " values of its own]";
  }

  /** The raw override, for tests. */
  JsonNode override() {
    return override;
  }
}
