package io.agentfleet.generate.diff;

import java.util.List;

/** One cell of the connection matrix that differs: the ports {@code from} may open on {@code to}, before and after. */
public record MatrixCell(String from, String to, List<Integer> before, List<Integer> after) {
  public MatrixCell {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** True when some port is open after that was closed before. */
  public boolean widens() {
    return !before.containsAll(after);
  }

  static String ports(List<Integer> ports) {
    return ports.isEmpty() ? "·" : String.join(", ", ports.stream().map(String::valueOf).toList());
  }
}
