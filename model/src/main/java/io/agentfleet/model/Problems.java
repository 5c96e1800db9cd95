package io.agentfleet.model;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one pass so that the user sees all of them at once, in the order found. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  public void add(String path, String message) {
    Problem problem = new Problem(path, message);
    if (!found.contains(problem)) {
      found.add(problem);
    }
  }

  public void addAll(List<Problem> problems) {
    problems.forEach(p -> add(p.path(), p.message()));
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
