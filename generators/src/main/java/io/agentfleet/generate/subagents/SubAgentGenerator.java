package io.agentfleet.generate.subagents;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.ApiAccess;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.NetworkSpec;
import io.agentfleet.model.Scaling;
import io.agentfleet.model.SubAgent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code sub-agents/claude-sub-agent-<id>.yaml}: one file per sub-agent with its Deployment, Service, autoscalers,
 * disruption budget and network policy. Its ServiceAccount lives in {@code core/rbac.yaml}.
 */
public final class SubAgentGenerator implements Generator {
  /** The {@code app.kubernetes.io/name} of every sub-agent. */
  public static final String APP_NAME = Labels.SUB_AGENT_APP;

  @Override
  public String folder() {
    return "sub-agents";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    List<ManifestFile> files = new ArrayList<>();
    for (SubAgent s : fleet.subAgents()) {
      List<Document> docs = new ArrayList<>();
      docs.add(Document.of(deployment(fleet, s), deploymentComment(s)));
      docs.add(Document.of(service(fleet, s)));
      if (s.scaling().isScaled() && s.scaling().autoscaler() == Autoscaler.KEDA) {
        docs.add(Document.of(scaledObject(fleet, plan.monitoring(), s), scaledObjectComment(s)));
      } else if (s.scaling().isScaled()) {
        docs.add(Document.of(hpa(fleet, s, plan.needs(Operator.PROMETHEUS_ADAPTER)), hpaComment(s,
            plan.needs(Operator.PROMETHEUS_ADAPTER))));
      }
      docs.add(Document.of(vpa(fleet, s), vpaComment(s)));
      docs.add(Document.of(pdb(fleet, s),
          "maxUnavailable 1: a node drain may always evict a sub-agent, even one running a single replica."));
      docs.add(Document.of(networkPolicy(fleet, s)));
      if (s.apiAccess() != ApiAccess.NONE) {
        docs.add(Document.of(apiServerEgress(fleet, s), apiServerComment(fleet)));
      }
      files.add(ManifestFile.yaml(folder() + "/" + s.name() + ".yaml", docs));
    }
    return files;
  }

  /** Labels of a sub-agent's objects. */
  public static SortedMap<String, String> labels(Fleet fleet, SubAgent s) {
    return Labels.subAgent(fleet, s);
  }

  /** The selector of a sub-agent's pods. */
  public static SortedMap<String, String> selector(SubAgent s) {
    return Labels.selector(APP_NAME, s.name());
  }

  static Deployment deployment(Fleet fleet, SubAgent s) {
    SortedMap<String, String> podLabels = labels(fleet, s);
    podLabels.put(Labels.HTTPS_EGRESS, "true");
    DeploymentBuilder b = new DeploymentBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withNewSpec()
        .withRevisionHistoryLimit(5)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(selector(s)).build())
        .withNewStrategy().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec()
        .withServiceAccountName(s.name())
        .withAutomountServiceAccountToken(s.apiAccess() != ApiAccess.NONE)
        .withPriorityClassName(fleet.priorityClassName(s.priority()))
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(AgentContract.TERMINATION_GRACE_SECONDS)
        .withSecurityContext(AgentPods.podSecurity(AgentContract.USER_ID))
        .withContainers(AgentPods.agentContainer(s.image(),
            AgentPods.withExtra(AgentPods.agentEnv(fleet, s.id(), s.role().toString()), s.env()), s.resources()))
        .withVolumes(AgentPods.emptyDir("tmp", "1Gi"), AgentPods.emptyDir("home", "1Gi"),
            AgentPods.emptyDir("workspace", s.workspace().toString()), AgentPods.discoveryVolume())
        .endSpec()
        .endTemplate()
        .endSpec();
    if (!s.scaling().isScaled()) {
      b.editSpec().withReplicas(s.scaling().minReplicas()).endSpec();
    }
    return b.build();
  }

  private static String deploymentComment(SubAgent s) {
    return s.role().title() + " sub-agent " + s.id().toUpperCase(java.util.Locale.ROOT) + ".\n"
        + (s.scaling().isScaled()
            ? "No spec.replicas: the " + (s.scaling().autoscaler() == Autoscaler.KEDA
                ? "KEDA ScaledObject" : "HorizontalPodAutoscaler") + " below owns the count (" + s.scaling().minReplicas()
                + ".." + s.scaling().maxReplicas() + "); a value here would reset the scale on every sync."
            : "Fixed at " + s.scaling().minReplicas() + " replicas: the fleet gives no range, so nothing autoscales it.");
  }

  static Service service(Fleet fleet, SubAgent s) {
    return new ServiceBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector(s))
        .addNewPort().withName("http").withPort(AgentContract.HTTP_PORT).withNewTargetPort("http")
        .withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withPort(AgentContract.METRICS_PORT).withNewTargetPort("metrics")
        .withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }

  static HorizontalPodAutoscaler hpa(Fleet fleet, SubAgent s, boolean requestRate) {
    Scaling sc = s.scaling();
    List<MetricSpec> metrics = new ArrayList<>(List.of(
        resourceMetric("cpu", sc.cpuPercent()),
        resourceMetric("memory", sc.memoryPercent())));
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
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(s.name()).endScaleTargetRef()
        .withMinReplicas(sc.minReplicas())
        .withMaxReplicas(sc.maxReplicas())
        .withMetrics(metrics)
        .withNewBehavior()
        .withNewScaleUp()
        .withStabilizationWindowSeconds(0)
        .withSelectPolicy("Max")
        .addNewPolicy().withType("Pods").withValue(2).withPeriodSeconds(60).endPolicy()
        .addNewPolicy().withType("Percent").withValue(100).withPeriodSeconds(60).endPolicy()
        .endScaleUp()
        .withNewScaleDown()
        .withStabilizationWindowSeconds((int) sc.scaleDownAfter().seconds())
        .withSelectPolicy("Min")
        .addNewPolicy().withType("Pods").withValue(sc.scaleDownPodsPerMinute()).withPeriodSeconds(60).endPolicy()
        .endScaleDown()
        .endBehavior()
        .endSpec()
        .build();
  }

  private static MetricSpec resourceMetric(String resource, int percent) {
    return new MetricSpecBuilder().withType("Resource")
        .withNewResource().withName(resource)
        .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
        .endResource()
        .build();
  }

  private static String hpaComment(SubAgent s, boolean requestRate) {
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
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("keda.sh/v1alpha1")
        .withKind("ScaledObject")
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static String scaledObjectComment(SubAgent s) {
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
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("autoscaling.k8s.io/v1")
        .withKind("VerticalPodAutoscaler")
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static String vpaComment(SubAgent s) {
    return "Recommends requests only (updateMode \"Off\"): "
        + (s.scaling().isScaled()
            ? "the autoscaler above scales on CPU and memory, and a VPA acting on\nthe same resources would fight it. "
            : "")
        + "Read the recommendation with `kubectl describe vpa " + s.name() + "`\nand carry it into fleet.yaml.";
  }

  static PodDisruptionBudget pdb(Fleet fleet, SubAgent s) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withUnhealthyPodEvictionPolicy("AlwaysAllow")
        .withSelector(new LabelSelectorBuilder().withMatchLabels(selector(s)).build())
        .endSpec()
        .build();
  }

  /**
   * Egress to the Kubernetes API server for a sub-agent granted API access: its token is useless otherwise, since
   * the HTTPS rule excludes the private ranges the API server lives in. One rule per stated endpoint, each address
   * with its own port ({@code network.apiServer}), so that no other port on those addresses opens.
   */
  static NetworkPolicy apiServerEgress(Fleet fleet, SubAgent s) {
    NetworkPolicyBuilder b = new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, io.agentfleet.model.Names.subAgentApiServer(s.id()), labels(fleet, s)))
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(selector(s)).build())
        .withPolicyTypes("Egress")
        .endSpec();
    for (NetworkSpec.ApiServerEndpoint e : fleet.network().apiServer()) {
      b.editSpec().addNewEgress()
          .addNewTo().withNewIpBlock().withCidr(e.cidr()).endIpBlock().endTo()
          .addNewPort().withProtocol("TCP").withPort(new IntOrString(e.port())).endPort()
          .endEgress().endSpec();
    }
    return b.build();
  }

  private static String apiServerComment(Fleet fleet) {
    return "apiAccess: read mounts a token; this lets the pods use it. The API server is on a private address the HTTPS\n"
        + "rule excludes, and a NetworkPolicy cannot name it, so its endpoints are those stated in fleet.yaml\n"
        + "(network.apiServer): the kubernetes Service's endpoints and its ClusterIP, since plugins differ in whether\n"
        + "policy sees the address before or after the ClusterIP is rewritten (Kubernetes docs, Network Policies).";
  }

  static NetworkPolicy networkPolicy(Fleet fleet, SubAgent s) {
    LabelSelector agents = new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.PART_OF, fleet.name()))
        .addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In")
        .withValues(Labels.COMPONENT_SUB_AGENT, Labels.COMPONENT_WORKER).endMatchExpression()
        .build();
    return new NetworkPolicyBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)))
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(selector(s)).build())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom().withPodSelector(agents).endFrom()
        .addNewPort().withProtocol("TCP").withPort(new IntOrString("http")).endPort()
        .endIngress()
        .addNewIngress()
        .withFrom(Peers.prometheus(fleet))
        .addNewPort().withProtocol("TCP").withPort(new IntOrString("metrics")).endPort()
        .endIngress()
        .endSpec()
        .build();
  }
}
