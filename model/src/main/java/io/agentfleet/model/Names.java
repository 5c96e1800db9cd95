package io.agentfleet.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Word helpers for messages (kebab-case names of enum constants, "did you mean" suggestions) and the object names the
 * tree is made of: the generators build names here, and the model checks their lengths and collisions from the same
 * code, so that a name the model accepts is a name Kubernetes accepts.
 */
public final class Names {
  private Names() {}

  /** The parts of a standard agent, each a Deployment, Service and more named {@code <agent>-<part>}. */
  public static final List<String> AGENT_PARTS = List.of("worker", "frontend", "backend");

  /** A standard agent's name, the prefix of its objects: {@code booking-agent-a2}. */
  public static String agent(String prefix, String id) {
    return prefix + "-" + id;
  }

  /** The objects of one part of an agent: {@code booking-agent-a2-frontend}. */
  public static String agentPart(String agentName, String part) {
    return agentName + "-" + part;
  }

  /** The Secret with an agent's database credentials: {@code booking-agent-a2-db}. */
  public static String agentDatabaseSecret(String agentName) {
    return agentName + "-db";
  }

  /** The Secret with the Git token of an agent's worker, when fleet.yaml names none: {@code booking-agent-a2-git}. */
  public static String agentGitSecret(String agentName) {
    return agentName + "-git";
  }

  /** A sub-agent's Deployment, Service and ServiceAccount: {@code claude-sub-agent-s1}. */
  public static String subAgent(String id) {
    return Defaults.SUB_AGENT_PREFIX + "-" + id;
  }

  /** The NetworkPolicy that opens a sub-agent's egress to the API server: {@code claude-sub-agent-s1-api-server}. */
  public static String subAgentApiServer(String id) {
    return subAgent(id) + "-api-server";
  }

  /** The PostgreSQL cluster (CloudNativePG Cluster or StatefulSet): {@code booking-agents-postgres}. */
  public static String databaseCluster(String fleetName) {
    return fleetName + "-postgres";
  }

  /** The CronJob that dumps every agent's database. */
  public static String databaseBackupJob(String fleetName) {
    return databaseCluster(fleetName) + "-backup";
  }

  /** The CronJob that keeps the agents' databases isolated from one another. */
  public static String databaseIsolationJob(String fleetName) {
    return databaseCluster(fleetName) + "-isolation";
  }

  /** Services named after the PostgreSQL cluster, the tree's own ({@code -headless}) and CloudNativePG's. */
  public static final List<String> DATABASE_SERVICES = List.of("-rw", "-ro", "-r", "-headless");
  /** Secrets named after the PostgreSQL cluster, made by the tree or by CloudNativePG. */
  public static final List<String> DATABASE_SECRETS = List.of("-app", "-ca", "-replication", "-server", "-superuser");

  /** {@code SENIOR_DEVELOPER} → {@code senior-developer}. */
  public static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The enum constant spelt {@code text} in kebab-case (case-insensitive), or an error listing the choices. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String text) {
    String t = text == null ? "" : text.trim();
    for (E constant : type.getEnumConstants()) {
      if (kebab(constant).equalsIgnoreCase(t) || constant.name().equalsIgnoreCase(t)) {
        return constant;
      }
    }
    java.util.List<String> choices =
        java.util.Arrays.stream(type.getEnumConstants()).map(Names::kebab).toList();
    String hint = closest(t, choices).map(s -> "; did you mean '" + s + "'?").orElse("");
    throw new IllegalArgumentException(
        "'" + t + "' is not a known " + what + " (one of " + String.join(", ", choices) + ")" + hint);
  }

  /** The candidate closest to {@code word} by edit distance, if it is close enough to be a likely typo. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    Optional<String> extended = candidates.stream().sorted()
        .filter(c -> w.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(w)).findFirst();
    if (extended.isPresent()) {
      return extended;
    }
    return candidates.stream()
        .sorted()
        .min(Comparator.comparingInt((String c) -> distance(w, c.toLowerCase(Locale.ROOT))))
        .filter(c -> distance(w, c.toLowerCase(Locale.ROOT)) <= Math.max(2, c.length() / 3));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
