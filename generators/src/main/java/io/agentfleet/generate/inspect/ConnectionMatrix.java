package io.agentfleet.generate.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may connect to whom inside the fleet's namespace, as Markdown for reviewers, computed from the policies: one row
 * and one column per group of pods the policies treat alike ({@link NetworkModel#groups}), so its size follows the
 * kinds of pods, never their number; then what each group may reach beyond the namespace's pods.
 */
public final class ConnectionMatrix {
  /** Members a group's label names before it abbreviates to {@code first … last (n)}. */
  private static final int NAMED_MEMBERS = 3;
  private static final String COMPONENT = "app.kubernetes.io/component";
  /** The label naming the agent a pod belongs to (the agents' generator sets it). */
  private static final String AGENT = "agentfleet.io/agent";

  private ConnectionMatrix() {}

  /**
   * A table with one row per source group and one column per destination group; a cell lists the destination ports
   * the policies allow, or "·" when none (on the diagonal: between two different pods of the group). Names lose the
   * common prefix {@code strip} to keep columns narrow. Groups of more than three pods are
   * abbreviated in the table and listed in full below it. Of more than three agents, those whose pods connect alike
   * show one agent's rows and columns, the others named below the table: its size follows the kinds of agents, not
   * their number.
   */
  public static String markdown(NetworkModel model, String namespace, String... strip) {
    return markdown(model, namespace, null, strip);
  }

  /**
   * {@link #markdown(NetworkModel, String, String...)} with each group's pods in {@code order} (null: the tree's),
   * which names a group by its first and last and lists its pods.
   */
  public static String markdown(NetworkModel model, String namespace, Comparator<NetworkModel.Pod> order,
      String... strip) {
    Fold fold = Fold.of(model, namespace);
    List<NetworkModel.Group> groups = fold.shown();
    Map<NetworkModel.Group, List<NetworkModel.Pod>> members = ordered(groups, order);
    Map<NetworkModel.Group, String> labels = labels(members, strip);
    Map<NetworkModel.Group, Map<NetworkModel.Group, List<Integer>>> cells = new IdentityHashMap<>();
    for (NetworkModel.Connection c : model.connections(namespace)) {
      cells.computeIfAbsent(c.from(), k -> new IdentityHashMap<>()).put(c.to(), c.ports());
    }
    StringBuilder md = new StringBuilder("| from \\ to |");
    groups.forEach(g -> md.append(' ').append(labels.get(g)).append(" |"));
    md.append("\n|---|").append("---|".repeat(groups.size())).append('\n');
    for (NetworkModel.Group from : groups) {
      md.append("| ").append(labels.get(from)).append(" |");
      Map<NetworkModel.Group, List<Integer>> row = cells.getOrDefault(from, Map.of());
      for (NetworkModel.Group to : groups) {
        List<Integer> ports = row.getOrDefault(to, List.of());
        md.append(' ').append(ports.isEmpty() ? "·"
            : ports.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" |");
      }
      md.append('\n');
    }
    boolean listed = false;
    for (NetworkModel.Group g : groups) {
      if (g.members().size() > NAMED_MEMBERS) {
        md.append("\n`").append(labels.get(g)).append("`: ")
            .append(members.get(g).stream().map(p -> shortName(p, strip)).collect(Collectors.joining(", ")))
            .append('.');
        listed = true;
      }
    }
    for (Map.Entry<String, List<String>> alike : fold.agents().entrySet()) {
      if (alike.getValue().size() > 1) {
        md.append("\nThe rows and columns of agent `").append(alike.getKey()).append("` stand for ")
            .append(alike.getValue().size()).append(" agents whose pods connect alike (each to its own as `")
            .append(alike.getKey()).append("`'s do, to and from the same others, and to no other agent's): ")
            .append(String.join(", ", alike.getValue())).append('.');
        listed = true;
      }
    }
    if (listed) {
      md.append('\n');
    }
    return md.toString();
  }

  /**
   * What the policies let each group reach, or be reached from, beyond the namespace's own pods: one row per rule,
   * with every group it applies to (of agents alike, the groups of the one the matrix shows).
   */
  public static String beyondNamespace(NetworkModel model, String namespace, String... strip) {
    return beyondNamespace(model, namespace, null, strip);
  }

  /** {@link #beyondNamespace(NetworkModel, String, String...)} naming groups as the matrix does with {@code order}. */
  public static String beyondNamespace(NetworkModel model, String namespace, Comparator<NetworkModel.Pod> order,
      String... strip) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<NetworkModel.Group> groups = Fold.of(model, namespace).shown();
    Map<NetworkModel.Group, String> labels = labels(ordered(groups, order), strip);
    for (NetworkModel.Group g : groups) {
      for (String rule : model.beyondNamespace(g)) {
        rows.computeIfAbsent(rule, k -> new ArrayList<>()).add(labels.get(g));
      }
    }
    StringBuilder md = new StringBuilder("| pods | connection | ports |\n|---|---|---|\n");
    rows.forEach((rule, named) -> md.append("| ").append(String.join(", ", named)).append(" | ").append(rule)
        .append(" |\n"));
    return md.toString();
  }

  /**
   * The groups the matrix shows, and its agents, each under the first of those alike ({@link #alikeAgents}, telling
   * groups apart by their rules beyond the namespace too): only the first agent's groups of those alike are shown.
   */
  record Fold(List<NetworkModel.Group> shown, Map<String, List<String>> agents) {
    static Fold of(NetworkModel model, String namespace) {
      return model.folds.computeIfAbsent(namespace, ns -> fold(model, ns));
    }

    private static Fold fold(NetworkModel model, String namespace) {
      Map<String, List<String>> agents = alikeAgents(model, namespace, model::beyondNamespace);
      java.util.Set<String> shown = agents.keySet();
      return new Fold(model.groups(namespace).stream()
          .filter(g -> g.first().labels().get(AGENT) == null || shown.contains(g.first().labels().get(AGENT)))
          .toList(), agents);
    }
  }

  /**
   * The agents of a namespace's groups, in the groups' order, each under the first of those alike: with more than
   * {@value #NAMED_MEMBERS} agents, agents whose groups have the same roles, whose connections
   * ({@link NetworkModel#connections}) read the same with their own groups named by role, and whose groups
   * {@code more} describes alike role by role, fold into the first of them; an agent connected to another agent's
   * pods folds with none. With fewer, each agent stands alone. The matrix and the README's diagram fold with it,
   * each telling groups apart by what it shows beyond the namespace ({@code more}).
   */
  public static Map<String, List<String>> alikeAgents(NetworkModel model, String namespace,
      java.util.function.Function<NetworkModel.Group, ?> more) {
    List<NetworkModel.Group> groups = model.groups(namespace);
    Map<String, List<NetworkModel.Group>> byAgent = new LinkedHashMap<>();
    for (NetworkModel.Group g : groups) {
      String agent = g.first().labels().get(AGENT);
      if (agent != null) {
        byAgent.computeIfAbsent(agent, k -> new ArrayList<>()).add(g);
      }
    }
    Map<String, List<String>> agents = new LinkedHashMap<>();
    if (byAgent.size() <= NAMED_MEMBERS) {
      byAgent.keySet().forEach(a -> agents.put(a, List.of(a)));
      return agents;
    }
    Map<NetworkModel.Group, String> agentOf = new IdentityHashMap<>();
    Map<NetworkModel.Group, String> role = new IdentityHashMap<>();
    Map<NetworkModel.Group, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      index.put(groups.get(i), i);
    }
    Map<String, List<String>> shapes = new java.util.HashMap<>();
    byAgent.forEach((agent, own) -> {
      List<String> shape = shapes.computeIfAbsent(agent, k -> new ArrayList<>());
      for (int i = 0; i < own.size(); i++) {
        NetworkModel.Group g = own.get(i);
        agentOf.put(g, agent);
        role.put(g, g.first().labels().getOrDefault(COMPONENT, "") + "#" + i);
        shape.add("more " + role.get(g) + " " + more.apply(g));
      }
    });
    for (NetworkModel.Connection c : model.connections(namespace)) {
      String from = agentOf.get(c.from());
      String to = agentOf.get(c.to());
      if (from != null && to != null && !from.equals(to)) {
        shapes.get(from).add("agent " + from); // connects to another agent's pods: folds with none
        shapes.get(to).add("agent " + to);
        continue;
      }
      String agent = from != null ? from : to;
      if (agent != null) {
        shapes.get(agent).add(end(c.from(), agent, agentOf, role, index) + " -> " + c.ports() + " -> "
            + end(c.to(), agent, agentOf, role, index));
      }
    }
    Map<String, String> firstOfShape = new java.util.HashMap<>();
    byAgent.forEach((agent, own) -> {
      List<String> shape = new ArrayList<>(shapes.get(agent));
      shape.sort(null);
      StringBuilder key = new StringBuilder();
      own.forEach(g -> key.append(role.get(g)).append(','));
      key.append('|').append(String.join(";", shape));
      String first = firstOfShape.putIfAbsent(key.toString(), agent);
      agents.computeIfAbsent(first == null ? agent : first, k -> new ArrayList<>()).add(agent);
    });
    return agents;
  }

  /** A connection's end as seen from {@code agent}: its own group by role, else the group by its place. */
  private static String end(NetworkModel.Group g, String agent, Map<NetworkModel.Group, String> agentOf,
      Map<NetworkModel.Group, String> role, Map<NetworkModel.Group, Integer> index) {
    return agent.equals(agentOf.get(g)) ? "own " + role.get(g) : "group " + index.get(g);
  }

  /** Each group's pods in {@code order} (null: as the model holds them), each group sorted once. */
  private static Map<NetworkModel.Group, List<NetworkModel.Pod>> ordered(List<NetworkModel.Group> groups,
      Comparator<NetworkModel.Pod> order) {
    Map<NetworkModel.Group, List<NetworkModel.Pod>> members = new IdentityHashMap<>();
    for (NetworkModel.Group g : groups) {
      List<NetworkModel.Pod> m = g.members();
      if (order != null) {
        m = new ArrayList<>(m);
        m.sort(order);
      }
      members.put(g, m);
    }
    return members;
  }

  /** Each group's label, from its pods in the order given. */
  private static Map<NetworkModel.Group, String> labels(Map<NetworkModel.Group, List<NetworkModel.Pod>> members,
      String... strip) {
    Map<NetworkModel.Group, String> labels = new IdentityHashMap<>();
    members.forEach((g, m) -> labels.put(g, label(m, strip)));
    return labels;
  }

  private static String label(List<NetworkModel.Pod> m, String... strip) {
    if (m.size() <= NAMED_MEMBERS) {
      return m.stream().map(p -> shortName(p, strip)).collect(Collectors.joining(", "));
    }
    return shortName(m.get(0), strip) + " … " + shortName(m.get(m.size() - 1), strip) + " (" + m.size() + ")";
  }

  private static String shortName(NetworkModel.Pod pod, String... strip) {
    for (String prefix : strip) {
      if (!prefix.isEmpty() && pod.name().startsWith(prefix)) {
        return pod.name().substring(prefix.length());
      }
    }
    return pod.name();
  }
}
