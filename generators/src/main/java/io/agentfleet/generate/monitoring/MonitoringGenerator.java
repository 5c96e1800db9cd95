package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code monitoring/}: scraping, rules and the custom-metric adapter rule ({@code prometheus.yaml}), Grafana with the
 * model's dashboards ({@code grafana.yaml}), Fluent Bit ({@code logging.yaml}) and the folder's README.
 */
public final class MonitoringGenerator implements Generator {
  @Override
  public String folder() {
    return "monitoring";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    if (!fleet.monitoring().enabled()) {
      return List.of();
    }
    List<ManifestFile> files = new ArrayList<>();
    files.add(ManifestFile.yaml("monitoring/prometheus.yaml", PrometheusResources.documents(fleet, plan)));
    fleet.monitoring().grafana().ifPresent(g ->
        files.add(ManifestFile.yaml("monitoring/grafana.yaml", GrafanaResources.documents(fleet, g, plan.monitoring()))));
    fleet.monitoring().logging().ifPresent(l ->
        files.add(ManifestFile.yaml("monitoring/logging.yaml", LoggingResources.documents(fleet, l))));
    files.add(ManifestFile.text("monitoring/README.md", MonitoringReadme.text(fleet, plan)));
    return files;
  }
}
