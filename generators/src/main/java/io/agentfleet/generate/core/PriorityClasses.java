package io.agentfleet.generate.core;

import io.agentfleet.generate.Document;
import io.agentfleet.generate.Labels;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Priority;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.ArrayList;
import java.util.List;

/** One PriorityClass per priority the fleet uses; cluster-scoped, so named after the fleet. */
final class PriorityClasses {
  private PriorityClasses() {}

  static List<Document> documents(Fleet fleet) {
    List<Document> docs = new ArrayList<>();
    for (Priority p : fleet.prioritiesUsed()) {
      docs.add(Document.of(new PriorityClassBuilder()
          .withMetadata(Labels.clusterMeta(fleet.priorityClassName(p), Labels.common(fleet)))
          .withValue(p.value())
          .withGlobalDefault(false)
          .withPreemptionPolicy(p == Priority.HIGH ? "PreemptLowerPriority" : "Never")
          .withDescription(description(fleet, p))
          .build(),
          p == Priority.HIGH ? "Only high-priority agents may preempt; the others wait for room instead of evicting work."
              : ""));
    }
    return docs;
  }

  private static String description(Fleet fleet, Priority p) {
    return "Priority " + p + " of the " + fleet.name() + " agent fleet";
  }
}
