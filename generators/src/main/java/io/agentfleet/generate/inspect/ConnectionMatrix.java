package io.agentfleet.generate.inspect;

import java.util.List;
import java.util.stream.Collectors;

/** Who may connect to whom inside the fleet's namespace, as a Markdown table for reviewers. */
public final class ConnectionMatrix {
  private ConnectionMatrix() {}

  /**
   * A table with one row per source and one column per destination; a cell lists the destination ports the
   * policies allow, or "·" when none. Names lose the common prefix {@code strip} to keep columns narrow.
   */
  public static String markdown(NetworkModel model, String namespace, String... strip) {
    List<NetworkModel.Pod> pods = model.pods().stream().filter(p -> p.namespace().equals(namespace)).toList();
    StringBuilder md = new StringBuilder("| from \\ to |");
    pods.forEach(p -> md.append(' ').append(shortName(p, strip)).append(" |"));
    md.append("\n|---|").append("---|".repeat(pods.size())).append('\n');
    for (NetworkModel.Pod from : pods) {
      md.append("| ").append(shortName(from, strip)).append(" |");
      for (NetworkModel.Pod to : pods) {
        List<Integer> ports = from == to ? List.of() : model.allowedPorts(from, to);
        md.append(' ').append(ports.isEmpty() ? "·"
            : ports.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
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
