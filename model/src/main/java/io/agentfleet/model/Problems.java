package io.agentfleet.model;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one pass so that the user sees all of them at once, in the order found. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  public void add(String path, String message) {
    add(new Problem(path, message));
  }

  /** Adds a problem unless the same one (path and message) is already there. */
  public void add(Problem problem) {
    boolean known = found.stream()
        .anyMatch(p -> p.path().equals(problem.path()) && p.message().equals(problem.message()));
    if (!known) {
      found.add(problem);
    }
  }

  public void addAll(List<Problem> problems) {
    problems.forEach(this::add);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }

  /** Throws a {@link FleetValidationException} carrying every problem collected, if there is any. */
  public void throwIfAny(String what) {
    if (!found.isEmpty()) {
      throw new FleetValidationException(what, found);
    }
  }
}
