package io.agentfleet.generate;

import java.util.List;

/** What a write (or a check) found, per file: the one-screen summary users and pull-request gates read. */
public record TreeReport(List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {
  public TreeReport {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
  }

  /** True when the tree on disk already equals the generated one. */
  public boolean isUpToDate() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /** Lines for a terminal: a count line, then each added, changed or removed file. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    out.add(added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed, "
        + unchanged.size() + " unchanged");
    added.forEach(p -> out.add("  + " + p));
    changed.forEach(p -> out.add("  ~ " + p));
    removed.forEach(p -> out.add("  - " + p));
    return out;
  }
}
