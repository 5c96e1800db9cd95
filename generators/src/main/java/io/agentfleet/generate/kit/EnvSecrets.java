package io.agentfleet.generate.kit;

import io.agentfleet.model.Agent;
import io.agentfleet.model.EnvValue;
import io.agentfleet.model.Fleet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Secrets that {@code env:} variables read and no other part of the tree already provides (the Claude API key,
 * the workers' Git tokens and the agents' database credentials have their own), by name with their keys.
 */
public final class EnvSecrets {
  private EnvSecrets() {}

  public static SortedMap<String, SortedSet<String>> of(Fleet fleet) {
    Set<String> provided = new HashSet<>();
    provided.add(fleet.claude().apiKeySecret());
    for (Agent a : fleet.agents()) {
      a.worker().gitSecret().ifPresent(provided::add);
      provided.add(a.databaseSecret());
    }
    SortedMap<String, SortedSet<String>> secrets = new TreeMap<>();
    java.util.function.Consumer<Map<String, EnvValue>> add = env -> env.values().stream()
        .filter(EnvValue::isSecret)
        .filter(v -> !provided.contains(v.secret().orElseThrow()))
        .forEach(v -> secrets.computeIfAbsent(v.secret().orElseThrow(), k -> new TreeSet<>()).add(v.key().orElseThrow()));
    for (Agent a : fleet.agents()) {
      add.accept(a.worker().env());
      a.frontend().ifPresent(c -> add.accept(c.env()));
      a.backend().ifPresent(c -> add.accept(c.env()));
    }
    fleet.subAgents().forEach(s -> add.accept(s.env()));
    return secrets;
  }
}
