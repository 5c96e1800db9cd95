package io.agentfleet.model;

import java.util.List;
import java.util.stream.Collectors;

/** The single error type for invalid input: carries every {@code field.path: message} found in one pass. */
public class FleetValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public FleetValidationException(String what, List<Problem> problems) {
    super(render(what, problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The problems as lines, {@code path: message}, as the plugin prints them. */
  public List<String> lines() {
    return problems.stream().map(Problem::toString).collect(Collectors.toList());
  }

  private static String render(String what, List<Problem> problems) {
    StringBuilder sb = new StringBuilder(what)
        .append(" (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)")
        .append(':');
    problems.forEach(p -> sb.append("\n  - ").append(p));
    return sb.toString();
  }
}
