package io.agentfleet.model.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Table rows alike but for their name, shown once when there are many. A fleet of thousands of sub-agents built from
 * a few kinds would otherwise repeat the same row thousands of times (a README of 1.7 MB at 10 000 sub-agents, where
 * GitHub shows a folder's README only up to 512 000 bytes). Rows keep the order of their first member; fewer than
 * {@link #MIN} alike rows stay rows of their own, so a small fleet's tables read as they did.
 */
public final class Alike {
  /** The fewest alike rows shown as one. */
  public static final int MIN = 10;

  /** Rows shown as one row: one member, or {@link #MIN} or more alike. */
  public record Group<T>(List<T> members) {
    public boolean many() {
      return members.size() > 1;
    }

    /** {@code s1 … s9997 (1667)}: the first and last member, in the order given, and how many. */
    public String label(Function<T, String> name) {
      return many() ? name.apply(members.get(0)) + " … " + name.apply(members.get(members.size() - 1)) + " ("
          + members.size() + ")" : name.apply(members.get(0));
    }

    /** The label, then every member: {@code s1 … s13 (3): s1, s7, s13}. */
    public String listing(Function<T, String> name) {
      StringBuilder sb = new StringBuilder(label(name)).append(": ");
      for (int i = 0; i < members.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(name.apply(members.get(i)));
      }
      return sb.toString();
    }
  }

  private Alike() {}

  /** The items as rows: each alone, or with the {@link #MIN} or more whose {@code key} is equal, where the first is. */
  public static <T> List<Group<T>> group(List<T> items, Function<T, ?> key) {
    Map<Object, List<T>> byKey = new HashMap<>();
    List<Object> keys = new ArrayList<>(items.size());
    for (T item : items) {
      Object k = key.apply(item);
      keys.add(k);
      byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(item);
    }
    List<Group<T>> out = new ArrayList<>();
    Set<Object> shown = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> alike = byKey.get(keys.get(i));
      if (alike.size() < MIN) {
        out.add(new Group<>(List.of(items.get(i))));
      } else if (shown.add(keys.get(i))) {
        out.add(new Group<>(List.copyOf(alike)));
      }
    }
    return out;
  }
}
