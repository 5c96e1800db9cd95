package io.agentfleet.generate.inspect;

import java.util.ArrayList;
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

  private ConnectionMatrix() {}

  /**
   * A table with one row per source group and one column per destination group; a cell lists the destination ports
   * the policies allow, or "·" when none (on the diagonal: between two different pods of the group). Names lose the
   * common prefix {@code strip} to keep columns narrow. Groups of more than three pods are
   * abbreviated in the table and listed in full below it.
   */
  public static String markdown(NetworkModel model, String namespace, String... strip) {
    List<NetworkModel.Group> groups = model.groups(namespace);
    StringBuilder md = new StringBuilder("| from \\ to |");
    groups.forEach(g -> md.append(' ').append(label(g, strip)).append(" |"));
    md.append("\n|---|").append("---|".repeat(groups.size())).append('\n');
    for (NetworkModel.Group from : groups) {
      md.append("| ").append(label(from, strip)).append(" |");
      for (NetworkModel.Group to : groups) {
        List<Integer> ports = model.allowedPorts(from, to);
        md.append(' ').append(ports.isEmpty() ? "·"
            : ports.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" |");
      }
      md.append('\n');
    }
    for (NetworkModel.Group g : groups) {
      if (g.members().size() > NAMED_MEMBERS) {
        md.append("\n`").append(label(g, strip)).append("`: ")
            .append(g.members().stream().map(p -> shortName(p, strip)).collect(Collectors.joining(", "))).append('.');
      }
    }
    if (groups.stream().anyMatch(g -> g.members().size() > NAMED_MEMBERS)) {
      md.append('\n');
    }
    return md.toString();
  }

  /**
   * What the policies let each group reach, or be reached from, beyond the namespace's own pods: one row per rule,
   * with every group it applies to.
   */
  public static String beyondNamespace(NetworkModel model, String namespace, String... strip) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (NetworkModel.Group g : model.groups(namespace)) {
      for (String rule : model.beyondNamespace(g)) {
        rows.computeIfAbsent(rule, k -> new ArrayList<>()).add(label(g, strip));
      }
    }
    StringBuilder md = new StringBuilder("| pods | connection | ports |\n|---|---|---|\n");
    rows.forEach((rule, groups) -> md.append("| ").append(String.join(", ", groups)).append(" | ").append(rule)
        .append(" |\n"));
    return md.toString();
  }

  private static String label(NetworkModel.Group g, String... strip) {
    List<NetworkModel.Pod> m = g.members();
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
