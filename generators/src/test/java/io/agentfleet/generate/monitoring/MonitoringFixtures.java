package io.agentfleet.generate.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.ImmutableFleetSpec;
import io.agentfleet.model.ImmutableMonitoringSpec;
import io.agentfleet.model.MonitoringMode;
import io.agentfleet.model.MonitoringSpec;
import java.util.List;
import java.util.function.UnaryOperator;

/** Fleets and look-ups for the monitoring tests: the booking example, and variants of its monitoring section. */
public final class MonitoringFixtures {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MonitoringFixtures() {}

  /** The booking example with its monitoring section replaced. */
  public static FleetSpec booking(UnaryOperator<ImmutableMonitoringSpec.Builder> monitoring) {
    MonitoringSpec base = TestFleets.bookingSpec().monitoring().orElseThrow();
    return ImmutableFleetSpec.copyOf(TestFleets.bookingSpec())
        .withMonitoring(monitoring.apply(MonitoringSpec.builder().from(base)).build());
  }

  public static FleetSpec standalone() {
    return booking(m -> m.mode(MonitoringMode.STANDALONE)
        .prometheus(MonitoringSpec.PrometheusSpec.builder()
            .clusterMetricsUrl("http://prometheus-k8s.monitoring.svc:9090").build()));
  }

  /** Generated and fully validated (schemas and policy), as the build does it. */
  public static GenerationResult generate(FleetSpec spec) {
    return FleetGenerator.builder().build().generate(spec);
  }

  /** Every document of a file of the tree. */
  public static List<JsonNode> documents(GenerationResult r, String path) {
    return r.tree().documents().get(path);
  }

  /** The one document of a kind and name in a file. */
  public static JsonNode find(GenerationResult r, String path, String kind, String name) {
    return documents(r, path).stream()
        .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + path));
  }

  /** The rule file exactly as the cluster gets it: the PrometheusRule's spec, or the standalone ConfigMap's key. */
  public static String ruleFile(GenerationResult r) throws Exception {
    for (JsonNode d : documents(r, "monitoring/prometheus.yaml")) {
      if (d.path("kind").asText().equals("PrometheusRule")) {
        return YAML.writeValueAsString(d.path("spec"));
      }
      if (d.path("kind").asText().equals("ConfigMap") && d.path("metadata").path("name").asText().equals("prometheus-rules")) {
        return d.path("data").path("agentfleet.rules.yaml").asText();
      }
    }
    throw new AssertionError("no rules in monitoring/prometheus.yaml");
  }
}
