package io.agentfleet.generate.cicd;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The booking tree with stand-ins for the folders other generators will fill ({@code database/}, {@code agents/},
 * {@code monitoring/}): a CloudNativePG cluster with a Database, agent Deployments, a ServiceMonitor and a
 * Prometheus in their own namespace. The wiring must follow whatever folders the tree holds.
 */
public final class FullTree {
  private FullTree() {}

  public static GenerationResult generate() {
    List<Generator> generators = new ArrayList<>();
    Set<String> replaced = Set.of("agents", "database", "monitoring");
    FleetGenerator.standardGenerators().stream().filter(g -> !replaced.contains(g.folder())).forEach(generators::add);
    generators.add(0, folder("database", "database/cluster.yaml",
        obj("postgresql.cnpg.io/v1", "Cluster", "booking-agents", "booking-db", Map.of("instances", 3)),
        obj("postgresql.cnpg.io/v1", "Database", "booking-agents", "booking-db-a2",
            Map.of("name", "a2", "owner", "a2_owner", "cluster", Map.of("name", "booking-db")))));
    generators.add(0, folder("agents", "agents/booking-agent-a2.yaml",
        obj("apps/v1", "Deployment", "booking-agents", "booking-agent-a2", Map.of()),
        obj("apps/v1", "Deployment", "booking-agents", "booking-agent-a2-frontend", Map.of())));
    generators.add(0, folder("monitoring", "monitoring/prometheus.yaml",
        obj("v1", "Namespace", null, "booking-monitoring", Map.of()),
        obj("monitoring.coreos.com/v1", "Prometheus", "booking-monitoring", "fleet", Map.of()),
        obj("monitoring.coreos.com/v1", "ServiceMonitor", "booking-agents", "sub-agents", Map.of())));
    return FleetGenerator.builder().generators(generators).validators(List.of()).build()
        .generate(TestFleets.bookingSpec());
  }

  public static HasMetadata obj(String apiVersion, String kind, String namespace, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
        .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
        .withAdditionalProperties(spec.isEmpty() ? Map.of() : Map.of("spec", spec)).build();
  }

  public static Generator folder(String folder, String path, HasMetadata... objects) {
    return new Generator() {
      @Override
      public String folder() {
        return folder;
      }

      @Override
      public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
        return List.of(ManifestFile.yaml(path, List.of(objects).stream().map(Document::of).toList()));
      }
    };
  }
}
