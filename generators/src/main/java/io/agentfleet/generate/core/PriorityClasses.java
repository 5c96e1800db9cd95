package io.agentfleet.generate.core;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Defaults;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Priority;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * One PriorityClass per priority the fleet uses; cluster-scoped, so named after the fleet. None preempts
 * ({@link Defaults#PRIORITY_PREEMPTS} gives the reason); the database takes the highest of them.
 */
final class PriorityClasses {
  private PriorityClasses() {}

  static List<Document> documents(Fleet fleet) {
    List<Document> docs = new ArrayList<>();
    for (Priority p : fleet.prioritiesUsed()) {
      docs.add(Document.of(new PriorityClassBuilder()
          .withMetadata(Labels.clusterMeta(fleet.priorityClassName(p), Labels.common(fleet)))
          .withValue(p.value())
          .withGlobalDefault(false)
          .withPreemptionPolicy(Defaults.PRIORITY_PREEMPTS ? "PreemptLowerPriority" : "Never")
          .withDescription(description(fleet, p))
          .build(),
          p == fleet.prioritiesUsed().last()
              ? "The highest class of the fleet: its " + p + "-priority agents and the PostgreSQL instances. No class\n"
                  + "preempts (preemptionPolicy: Never): a class orders the scheduling queue, it does not evict work."
              : ""));
    }
    return docs;
  }

  private static String description(Fleet fleet, Priority p) {
    return "Priority " + p + " of the " + fleet.name() + " agent fleet";
  }
}
