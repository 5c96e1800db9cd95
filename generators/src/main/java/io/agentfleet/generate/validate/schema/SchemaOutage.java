package io.agentfleet.generate.validate.schema;

import io.agentfleet.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one validation run could not reach, reported once for the whole run instead of once per document. */
public final class SchemaOutage {
  private final Map<String, SchemaFetch.Unavailable> firstByOrigin = new LinkedHashMap<>();
  private final Map<String, List<String>> sourcesByOrigin = new LinkedHashMap<>();
  private int unchecked;

  /** Records an unreachable source; later requests to the same origin are not attempted again in this run. */
  void down(SchemaFetch.Unavailable reason) {
    firstByOrigin.putIfAbsent(reason.origin(), reason);
    List<String> sources = sourcesByOrigin.computeIfAbsent(reason.origin(), o -> new ArrayList<>());
    if (!sources.contains(reason.source())) {
      sources.add(reason.source());
    }
  }

  /** The first failure of an origin already found down in this run, if any. */
  Optional<SchemaFetch.Unavailable> downAlready(String origin) {
    return Optional.ofNullable(firstByOrigin.get(origin));
  }

  /** Counts a document that could not be checked because its schema could not be had. */
  void unchecked(List<SchemaFetch.Unavailable> reasons) {
    reasons.forEach(this::down);
    unchecked++;
  }

  /** The one problem explaining what was not checked and how to supply schemas, or none. */
  Optional<Problem> problem(int documents, DiskCache cache, String setting) {
    if (unchecked == 0) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    boolean remote = false;
    for (SchemaFetch.Unavailable u : firstByOrigin.values()) {
      String sources = String.join(" and ", sourcesByOrigin.get(u.origin()));
      parts.add(u.remote() ? "cannot fetch schemas from " + sources + " (offline?): " + u.cause()
          : "cannot read schemas from " + sources + ": " + u.cause());
      remote |= u.remote();
    }
    StringBuilder sb = new StringBuilder(String.join("; ", parts));
    sb.append("; ").append(unchecked).append(" of ").append(documents)
        .append(" documents were not checked against a schema. Point ").append(setting)
        .append(" at a local folder laid out as kubeconform expects (kubernetes/<version>-standalone-strict/"
            + "<kind>-<group>-<version>.json and crds/<group>/<kind>_<version>.json)");
    if (remote) {
      sb.append(", or run once online to fill the cache ").append(cache.dir());
    }
    return Optional.of(new Problem("", sb.toString()));
  }
}
