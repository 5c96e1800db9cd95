package io.agentfleet.generate.subagents;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Scaling;
import io.agentfleet.model.SubAgent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sub-agent's autoscaling: the HorizontalPodAutoscaler (or, with {@code scaling.autoscaler: keda}, the KEDA
 * ScaledObject) that moves it between its replica bounds on CPU, memory and Claude API requests per second, and the
 * recommending VerticalPodAutoscaler, each with the source of every threshold noted beside it.
 */
final class SubAgentAutoscaling {
  private SubAgentAutoscaling() {}

  /** The HPA with its comment and the source of each bound and threshold. */
  static Document hpaDocument(Fleet fleet, SubAgent s, boolean requestRate, HPAScalingRules scaleUp) {
    Notes n = new Notes(fleet, s);
    n.put("/spec/minReplicas", "replicas.min");
    n.put("/spec/maxReplicas", "replicas.max");
    n.put("/spec/metrics/0/resource/target/averageUtilization", "scaling.cpu");
    n.put("/spec/metrics/1/resource/target/averageUtilization", "scaling.memory");
    if (requestRate) {
      n.put("/spec/metrics/2/pods/target/averageValue", "scaling.requestsPerSecond");
    }
    n.put("/spec/behavior/scaleDown/stabilizationWindowSeconds", "scaling.scaleDownAfter", s.scaling().scaleDownAfter());
    n.put("/spec/behavior/scaleDown/policies/0/value", "scaling.scaleDownPodsPerMinute");
    return Document.of(hpa(fleet, s, requestRate, scaleUp), hpaComment(s, requestRate)).notes(n.notes());
  }

  /** The KEDA ScaledObject with its comment and the source of each bound and threshold. */
  static Document scaledObjectDocument(Fleet fleet, PlatformPlan.MonitoringPlan m, SubAgent s) {
    Notes n = new Notes(fleet, s);
    n.put("/spec/minReplicaCount", "replicas.min");
    n.put("/spec/maxReplicaCount", "replicas.max");
    n.put("/spec/cooldownPeriod", "scaling.scaleDownAfter", s.scaling().scaleDownAfter());
    n.put("/spec/triggers/0/metadata/value", "scaling.cpu");
    n.put("/spec/triggers/1/metadata/value", "scaling.memory");
    n.put("/spec/triggers/2/metadata/threshold", "scaling.requestsPerSecond");
    String down = "/spec/advanced/horizontalPodAutoscalerConfig/behavior/scaleDown";
    n.put(down + "/stabilizationWindowSeconds", "scaling.scaleDownAfter", s.scaling().scaleDownAfter());
    n.put(down + "/policies/0/value", "scaling.scaleDownPodsPerMinute");
    return Document.of(scaledObject(fleet, m, s), scaledObjectComment(s)).notes(n.notes());
  }

  /** The VPA with its comment. */
  static Document vpaDocument(Fleet fleet, SubAgent s) {
    return Document.of(vpa(fleet, s), vpaComment(s));
  }

  static HorizontalPodAutoscaler hpa(Fleet fleet, SubAgent s, boolean requestRate) {
    return hpa(fleet, s, requestRate, scaleUp());
  }

  /**
   * How every sub-agent's HPA adds replicas: at once (no stabilisation window), by whichever allows more of 2 pods
   * or 100 % a minute. The same for all, so made once per fleet ({@link SubAgentGenerator.Shared}).
   */
  static HPAScalingRules scaleUp() {
    HPAScalingRules up = new HPAScalingRules();
    up.setStabilizationWindowSeconds(0);
    up.setSelectPolicy("Max");
    up.setPolicies(List.of(perMinute("Pods", 2), perMinute("Percent", 100)));
    return up;
  }

  /** A scaling policy: at most {@code value} pods (or percent) a minute. */
  private static HPAScalingPolicy perMinute(String type, int value) {
    HPAScalingPolicy p = new HPAScalingPolicy();
    p.setType(type);
    p.setValue(value);
    p.setPeriodSeconds(60);
    return p;
  }

  /** The HPA, put together with setters around the fleet's shared {@code scaleUp} rules (a builder would copy them). */
  static HorizontalPodAutoscaler hpa(Fleet fleet, SubAgent s, boolean requestRate, HPAScalingRules scaleUp) {
    Scaling sc = s.scaling();
    List<MetricSpec> metrics = new ArrayList<>(3);
    metrics.add(resourceMetric("cpu", sc.cpuPercent()));
    metrics.add(resourceMetric("memory", sc.memoryPercent()));
    if (requestRate) {
      metrics.add(new MetricSpecBuilder().withType("Pods")
            .withNewPods()
            .withNewMetric().withName(AgentContract.REQUESTS_PER_SECOND_METRIC).endMetric()
            .withNewTarget().withType("AverageValue")
            .withAverageValue(new io.fabric8.kubernetes.api.model.Quantity(sc.requestsPerSecond().toString()))
            .endTarget()
            .endPods()
            .build());
    }
    HPAScalingRules scaleDown = new HPAScalingRules();
    scaleDown.setStabilizationWindowSeconds((int) sc.scaleDownAfter().seconds());
    scaleDown.setSelectPolicy("Min");
    scaleDown.setPolicies(List.of(perMinute("Pods", sc.scaleDownPodsPerMinute())));
    HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
    spec.setScaleTargetRef(new CrossVersionObjectReference("apps/v1", "Deployment", s.name()));
    spec.setMinReplicas(sc.minReplicas());
    spec.setMaxReplicas(sc.maxReplicas());
    spec.setMetrics(metrics);
    HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehavior();
    behavior.setScaleUp(scaleUp);
    behavior.setScaleDown(scaleDown);
    spec.setBehavior(behavior);
    HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
    hpa.setMetadata(Labels.meta(fleet, s.name(), SubAgentGenerator.labels(fleet, s)));
    hpa.setSpec(spec);
    return hpa;
  }

  private static MetricSpec resourceMetric(String resource, int percent) {
    MetricTarget target = new MetricTarget();
    target.setType("Utilization");
    target.setAverageUtilization(percent);
    MetricSpec metric = new MetricSpec();
    metric.setType("Resource");
    ResourceMetricSource source = new ResourceMetricSource();
    source.setName(resource);
    source.setTarget(target);
    metric.setResource(source);
    return metric;
  }

  static String hpaComment(SubAgent s, boolean requestRate) {
    Scaling sc = s.scaling();
    return "Scales " + sc.minReplicas() + ".." + sc.maxReplicas() + " replicas on whichever asks for more: CPU at "
        + sc.cpuPercent() + "% and memory at " + sc.memoryPercent() + "% of the request"
        + (requestRate ? ", or " + sc.requestsPerSecond() + " Claude API requests/s per pod.\n"
            : " (no Prometheus, so no request-rate metric:\nmonitoring is off and monitoring.prometheus.url is unset).\n")
        + "An HPA has one target per metric, so there is no separate, lower threshold for scaling down: replicas\n"
        + "are removed only after load has stayed low for " + sc.scaleDownAfter() + " (stabilization window), at most "
        + sc.scaleDownPodsPerMinute() + " pod(s) per minute.\n"
        + (requestRate ? "The " + AgentContract.REQUESTS_PER_SECOND_METRIC + " metric comes from a custom-metrics adapter "
            + "(prometheus-adapter);\nwhile it is missing the HPA still scales up on CPU and memory but never scales down." : "");
  }

  /**
   * The KEDA alternative to {@link #hpa}: the same three signals and scale-down behaviour, but the request rate is
   * read from Prometheus directly (no custom-metrics adapter) and the minimum may be zero. KEDA creates and owns
   * the HPA itself, so the tree never has both.
   */
  static GenericKubernetesResource scaledObject(Fleet fleet, PlatformPlan.MonitoringPlan m, SubAgent s) {
    Scaling sc = s.scaling();
    Map<String, Object> prometheus = new LinkedHashMap<>();
    prometheus.put("serverAddress", m.prometheusUrl());
    prometheus.put("query", "sum(rate(" + AgentContract.REQUESTS_COUNTER + "{namespace=\"" + fleet.namespace()
        + "\", workload=\"" + s.name() + "\"}[" + m.rateWindow() + "]))");
    prometheus.put("threshold", sc.requestsPerSecond().toString());
    Map<String, Object> behavior = Map.of(
        "scaleUp", Map.of("stabilizationWindowSeconds", 0, "selectPolicy", "Max", "policies", List.of(
            Map.of("type", "Pods", "value", 2, "periodSeconds", 60),
            Map.of("type", "Percent", "value", 100, "periodSeconds", 60))),
        "scaleDown", Map.of("stabilizationWindowSeconds", (int) sc.scaleDownAfter().seconds(), "selectPolicy", "Min",
            "policies", List.of(Map.of("type", "Pods", "value", sc.scaleDownPodsPerMinute(), "periodSeconds", 60))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", s.name()));
    spec.put("minReplicaCount", sc.minReplicas());
    spec.put("maxReplicaCount", sc.maxReplicas());
    spec.put("cooldownPeriod", (int) sc.scaleDownAfter().seconds());
    spec.put("advanced", Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", behavior)));
    List<Object> triggers = new ArrayList<>(List.of(
        Map.of("type", "cpu", "metricType", "Utilization", "metadata", Map.of("value", Integer.toString(sc.cpuPercent()))),
        Map.of("type", "memory", "metricType", "Utilization",
            "metadata", Map.of("value", Integer.toString(sc.memoryPercent()))),
        Map.of("type", "prometheus", "metricType", "AverageValue", "metadata", prometheus)));
    if (sc.minReplicas() == 0) {
      Map<String, Object> demand = new LinkedHashMap<>();
      demand.put("serverAddress", m.prometheusUrl());
      demand.put("query", "sum(" + AgentContract.DELEGATIONS_PENDING_METRIC + "{namespace=\"" + fleet.namespace()
          + "\", target=\"" + s.name() + "\"}) or vector(0)");
      demand.put("threshold", "1");
      demand.put("activationThreshold", "0");
      triggers.add(Map.of("type", "prometheus", "name", "pending-delegations", "metricType", "AverageValue",
          "metadata", demand));
    }
    spec.put("triggers", triggers);
    return custom(fleet, s, "keda.sh/v1alpha1", "ScaledObject", spec);
  }

  static String scaledObjectComment(SubAgent s) {
    Scaling sc = s.scaling();
    return "KEDA scales " + sc.minReplicas() + ".." + sc.maxReplicas() + " replicas (scaling.autoscaler: keda) on CPU at "
        + sc.cpuPercent() + "%, memory at " + sc.memoryPercent() + "% of the request, and " + sc.requestsPerSecond()
        + " Claude API\nrequests/s per pod read from Prometheus. KEDA creates the HPA itself, so there is no"
        + " HorizontalPodAutoscaler here;\n" + (sc.minReplicas() == 0
            ? "At 0 replicas no pod makes requests or uses CPU, so the last trigger wakes it: tasks other agents have\n"
                + "delegated to it and that wait (" + AgentContract.DELEGATIONS_PENDING_METRIC + ", agent contract).\n"
            : "")
        + "Scale-down waits " + sc.scaleDownAfter() + " and removes at most " + sc.scaleDownPodsPerMinute()
        + " pod(s) per minute, as with the HPA.";
  }

  static GenericKubernetesResource vpa(Fleet fleet, SubAgent s) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("targetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", s.name()));
    spec.put("updatePolicy", Map.of("updateMode", "Off"));
    spec.put("resourcePolicy", Map.of("containerPolicies", List.of(Map.of(
        "containerName", "agent",
        "controlledResources", List.of("cpu", "memory"),
        "controlledValues", "RequestsAndLimits"))));
    return custom(fleet, s, "autoscaling.k8s.io/v1", "VerticalPodAutoscaler", spec);
  }

  static String vpaComment(SubAgent s) {
    return "Recommends requests only (updateMode \"Off\"): "
        + (s.scaling().isScaled()
            ? "the autoscaler above scales on CPU and memory, and a VPA acting on\nthe same resources would fight it. "
            : "")
        + "Read the recommendation with `kubectl describe vpa " + s.name() + "`\nand carry it into fleet.yaml.";
  }

  /** A custom resource of the sub-agent's, named and labelled as its Deployment. */
  private static GenericKubernetesResource custom(Fleet fleet, SubAgent s, String apiVersion, String kind,
      Map<String, Object> spec) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(Labels.meta(fleet, s.name(), SubAgentGenerator.labels(fleet, s)));
    resource.setAdditionalProperties(new LinkedHashMap<>(Map.of("spec", spec)));
    return resource;
  }
}
