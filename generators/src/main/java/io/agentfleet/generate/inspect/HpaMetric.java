package io.agentfleet.generate.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One cpu or memory metric of an HPA: where it is written, the resource, the target type and the container if any. */
public record HpaMetric(String path, String resource, String targetType, String container) {

  /** The resource metrics of an HPA (autoscaling/v2 metrics, or v1's targetCPUUtilizationPercentage). */
  public static List<HpaMetric> of(Manifest hpa) {
    List<HpaMetric> out = new ArrayList<>();
    JsonNode spec = hpa.node().path("spec");
    if (spec.has("targetCPUUtilizationPercentage")) {
      out.add(new HpaMetric("spec.targetCPUUtilizationPercentage", "cpu", "Utilization", null));
    }
    List<JsonNode> metrics = Json.list(spec.path("metrics"));
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode metric = metrics.get(i);
      String field = "Resource".equals(Json.text(metric, "type")) ? "resource"
          : "ContainerResource".equals(Json.text(metric, "type")) ? "containerResource" : null;
      if (field != null) {
        JsonNode r = metric.path(field);
        out.add(new HpaMetric(Json.field(Json.index("spec.metrics", i), field), Json.text(r, "name"),
            Json.text(r, "target", "type"), Json.text(r, "container")));
      }
    }
    return out;
  }

  /** True for cpu and memory, the resources a VPA also sets. */
  public boolean isCpuOrMemory() {
    return "cpu".equals(resource) || "memory".equals(resource);
  }
}
