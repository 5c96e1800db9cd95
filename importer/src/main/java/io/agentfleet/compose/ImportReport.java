package io.agentfleet.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import tells its user: every service left out and why, every Secret to create (name, keys, and where
 * each key's value was in the Compose file; never the value), and what was kept or dropped from each service.
 */
public final class ImportReport {
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private final SortedMap<String, SortedMap<String, String>> secrets = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();

  void skip(String service, String reason) {
    skipped.put(service, reason);
  }

  void secret(String secret, String key, String origin) {
    secrets.computeIfAbsent(secret, k -> new TreeMap<>()).merge(key, origin, (a, b) -> a.equals(b) ? a : a + "; " + b);
  }

  void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  /** Service name → why it is not in the fleet. */
  public Map<String, String> skipped() {
    return java.util.Collections.unmodifiableMap(skipped);
  }

  /** Secret name → key → where its value was in the Compose file. */
  public SortedMap<String, SortedMap<String, String>> secrets() {
    return java.util.Collections.unmodifiableSortedMap(secrets);
  }

  /** What was kept, mapped or dropped, one sentence each. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The report as text lines, for the log and for the header of the written fleet.yaml. */
  public List<String> lines(String namespace) {
    List<String> out = new ArrayList<>();
    if (!skipped.isEmpty()) {
      out.add("Services left out (" + skipped.size() + "):");
      skipped.forEach((name, reason) -> out.add("  " + name + ": " + reason));
    }
    if (!secrets.isEmpty()) {
      out.add("Secrets to create in namespace " + namespace + " before the first sync (fleet.yaml refers to them; "
          + "no value was copied):");
      secrets.forEach((name, keys) -> {
        out.add("  " + name + ":");
        keys.forEach((key, origin) -> out.add("    " + key + " <- " + origin));
      });
      secrets.forEach((name, keys) -> {
        StringBuilder cmd = new StringBuilder("  kubectl create secret generic " + name + " -n " + namespace);
        keys.keySet().forEach(k -> cmd.append(" --from-literal=").append(k).append("=..."));
        out.add(cmd.toString());
      });
    }
    if (!notes.isEmpty()) {
      out.add("Kept, mapped and dropped:");
      notes.forEach(n -> out.add("  " + n));
    }
    return out;
  }
}
