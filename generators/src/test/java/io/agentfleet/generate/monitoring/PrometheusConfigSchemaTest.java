package io.agentfleet.generate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TestFleets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standalone Prometheus configuration validates against SchemaStore's prometheus.json (Debian's promtool cannot
 * check it: it is built without Kubernetes service discovery), and it keeps discovery scoped to the fleet.
 */
class PrometheusConfigSchemaTest {
  private static JsonSchema schema;
  private static GenerationResult standalone;

  @BeforeAll
  static void load() throws Exception {
    Path file = TestFleets.schemaFolder().resolve("other/prometheus.json");
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(MonitoringFixtures.YAML.readTree(Files.readString(file)));
    standalone = MonitoringFixtures.generate(MonitoringFixtures.standalone());
  }

  private static JsonNode config(GenerationResult r) throws Exception {
    JsonNode cm = MonitoringFixtures.find(r, "monitoring/prometheus.yaml", "ConfigMap", "prometheus-config");
    return MonitoringFixtures.YAML.readTree(cm.path("data").path("prometheus.yml").asText());
  }

  @Test
  void standaloneConfig_whenValidatedAgainstSchema_hasNoErrors() throws Exception {
    Set<ValidationMessage> errors = schema.validate(config(standalone));
    assertThat(errors).isEmpty();
  }

  @Test
  void schema_whenConfigMisspellsAField_reportsIt() throws Exception {
    JsonNode broken = config(standalone).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("scrape_configs").get(0)).put("scrape_intervall", "30s");
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("global")).put("scrape_interval", "thirty seconds");

    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void standaloneConfig_discoversPodsOnlyInTheFleetNamespace() throws Exception {
    JsonNode jobs = config(standalone).path("scrape_configs");
    int discovering = 0;
    for (JsonNode job : jobs) {
      for (JsonNode sd : job.path("kubernetes_sd_configs")) {
        discovering++;
        assertThat(sd.path("role").asText()).isEqualTo("pod");
        assertThat(sd.path("namespaces").path("names").toString()).isEqualTo("[\"booking-agents\"]");
      }
    }
    assertThat(discovering).isEqualTo(2);
    assertThat(jobs.findValuesAsText("job_name"))
        .containsExactly("agentfleet-agents", "agentfleet-postgres", "prometheus", "kubernetes-cluster");
  }

  @Test
  void standaloneConfig_scrapesTheContractsMetricsPortAndPath() throws Exception {
    JsonNode agents = config(standalone).path("scrape_configs").get(0);
    assertThat(agents.path("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(agents.path("relabel_configs").toString())
        .contains("{\"action\":\"keep\",\"regex\":\"metrics\",\"source_labels\":[\"__meta_kubernetes_pod_container_port_name\"]}")
        .contains("\"target_label\":\"workload\"");
  }
}
