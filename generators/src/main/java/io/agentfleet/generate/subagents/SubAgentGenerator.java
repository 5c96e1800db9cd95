package io.agentfleet.generate.subagents;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.NetworkPolicies;
import io.agentfleet.generate.kit.Peers;
import io.agentfleet.generate.kit.Shards;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.ApiAccess;
import io.agentfleet.model.Autoscaler;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.NetworkSpec;
import io.agentfleet.model.SubAgent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code sub-agents/claude-sub-agent-<id>.yaml}: one file per sub-agent with its ServiceAccount, Deployment, Service,
 * autoscalers ({@link SubAgentAutoscaling}), disruption budget and network policy; under {@code sub-agents/shard-<n>/}
 * when the fleet shares its sub-agents out among several Applications ({@link Shards}).
 */
public final class SubAgentGenerator implements Generator {
  /** The {@code app.kubernetes.io/name} of every sub-agent. */
  public static final String APP_NAME = Labels.SUB_AGENT_APP;

  @Override
  public String folder() {
    return Shards.SUB_AGENTS;
  }

  /**
   * One file per sub-agent, each made when it is read (again at each read, equal every time): the generation decorates
   * and freezes each file as soon as it reads it, so a fleet of thousands of sub-agents never has all their objects
   * alive at once. Files may be read from several threads.
   */
  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    List<SubAgent> subAgents = fleet.subAgents();
    Shared shared = new Shared(fleet);
    return new java.util.AbstractList<>() {
      @Override
      public ManifestFile get(int i) {
        return file(fleet, plan, subAgents.get(i), shared);
      }

      @Override
      public int size() {
        return subAgents.size();
      }
    };
  }

  /**
   * What the objects of one fleet's sub-agents have alike, made once per fleet and shared by all of them (objects in a
   * tree are never changed; a decorator makes new ones): the pods' parts ({@link AgentPods.SubAgentPods}), the
   * Service's ports, the network policy's rules, the HPA's scale-up rules. A fleet of thousands of sub-agents would
   * otherwise build each of them thousands of times, and the builders copy every part once more as they finish.
   */
  static final class Shared {
    final AgentPods.SubAgentPods pods;
    final List<ServicePort> servicePorts;
    final List<NetworkPolicyIngressRule> ingress;
    final HPAScalingRules scaleUp = SubAgentAutoscaling.scaleUp();

    Shared(Fleet fleet) {
      this.pods = new AgentPods.SubAgentPods(fleet);
      this.servicePorts = List.of(Workloads.servicePort("http", AgentContract.HTTP_PORT, "http"),
          Workloads.servicePort("metrics", AgentContract.METRICS_PORT, "metrics"));
      this.ingress = List.of(
          NetworkPolicies.from(List.of(NetworkPolicies.pods(Peers.agentPods(fleet))),
              List.of(NetworkPolicies.port("TCP", "http"))),
          NetworkPolicies.from(List.of(Peers.prometheus(fleet)), List.of(NetworkPolicies.port("TCP", "metrics"))));
    }
  }

  /** The file of one sub-agent. */
  private ManifestFile file(Fleet fleet, PlatformPlan plan, SubAgent s, Shared shared) {
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder()
        .withMetadata(Labels.meta(fleet, s.name(), Labels.subAgent(fleet, s)))
        .withAutomountServiceAccountToken(s.apiAccess() != ApiAccess.NONE)
        .build(), s.apiAccess() == ApiAccess.NONE ? "No API token: this sub-agent does not call the Kubernetes API."
            : "Mounts an API token (apiAccess: " + s.apiAccess() + "; core/rbac.yaml binds it to the read-only Role)."));
    docs.add(deploymentDocument(fleet, s, shared));
    docs.add(Document.of(service(fleet, s, shared)));
    if (s.scaling().isScaled() && s.scaling().autoscaler() == Autoscaler.KEDA) {
      docs.add(SubAgentAutoscaling.scaledObjectDocument(fleet, plan.monitoring(), s));
    } else if (s.scaling().isScaled()) {
      docs.add(SubAgentAutoscaling.hpaDocument(fleet, s, plan.needs(Operator.PROMETHEUS_ADAPTER), shared.scaleUp));
    }
    if (s.scaling().isScaled()) {
      // Fixed at one count (min = max): no HPA, ScaledObject or VPA, nothing would act on them.
      docs.add(SubAgentAutoscaling.vpaDocument(fleet, s));
    }
    docs.add(Document.of(pdb(fleet, s),
        "maxUnavailable 1: a node drain may always evict a sub-agent, even one running a single replica."));
    docs.add(Document.of(networkPolicy(fleet, s, shared)));
    if (s.apiAccess() != ApiAccess.NONE) {
      Notes n = new Notes(fleet, s);
      n.put("/spec/egress", "apiAccess");
      docs.add(Document.of(apiServerEgress(fleet, s), apiServerComment(fleet)).notes(n.notes()));
    }
    return ManifestFile.yaml(Shards.path(fleet, s), docs);
  }

  /** Labels of a sub-agent's objects. */
  public static SortedMap<String, String> labels(Fleet fleet, SubAgent s) {
    return Labels.subAgent(fleet, s);
  }

  /** The selector of a sub-agent's pods. */
  public static SortedMap<String, String> selector(SubAgent s) {
    return Labels.selector(APP_NAME, s.name());
  }

  /** The Deployment with its comment and the source of each value the fleet chose. */
  private static Document deploymentDocument(Fleet fleet, SubAgent s, Shared shared) {
    Notes n = new Notes(fleet, s);
    String pod = "/spec/template/spec";
    String container = pod + "/containers/0";
    if (!s.scaling().isScaled()) {
      n.put("/spec/replicas", "replicas.min");
    }
    n.put(pod + "/automountServiceAccountToken", "apiAccess");
    n.put(pod + "/priorityClassName", "priority");
    n.put(container + "/image", "image");
    n.put(container + "/resources/requests/cpu", "requests.cpu");
    n.put(container + "/resources/requests/memory", "requests.memory");
    n.put(container + "/resources/limits/cpu", "limits.cpu");
    n.put(container + "/resources/limits/memory", "limits.memory");
    n.put(pod + "/volumes/" + WORKSPACE_VOLUME + "/emptyDir/sizeLimit", "workspace");
    return Document.of(deployment(fleet, s, shared), deploymentComment(s)).notes(n.notes());
  }

  /** Index of the workspace among the pod's volumes. */
  private static final int WORKSPACE_VOLUME = 2;

  /**
   * The sub-agent's Deployment, put together level by level with setters. fabric8's nested builders
   * ({@code withNewSpec()…endSpec()}) copy everything below a level each time one ends, and build it all once more at
   * the end: a quarter of a megabyte allocated per sub-agent, the largest single source of garbage in a large fleet.
   */
  static Deployment deployment(Fleet fleet, SubAgent s) {
    return deployment(fleet, s, new Shared(fleet));
  }

  private static Deployment deployment(Fleet fleet, SubAgent s, Shared shared) {
    AgentPods.SubAgentPods parts = shared.pods;
    PodSpec pod = new PodSpec();
    pod.setServiceAccountName(s.name());
    pod.setAutomountServiceAccountToken(s.apiAccess() != ApiAccess.NONE);
    pod.setPriorityClassName(fleet.priorityClassName(s.priority()));
    pod.setEnableServiceLinks(false);
    pod.setTerminationGracePeriodSeconds(AgentContract.TERMINATION_GRACE_SECONDS);
    pod.setSecurityContext(parts.podSecurity());
    pod.setContainers(new ArrayList<>(List.of(parts.agentContainer(s.image(),
        AgentPods.withExtra(parts.agentEnv(s.id(), s.role().toString()), s.env()), s.resources()))));
    pod.setVolumes(parts.volumes(s.workspace().toString()));
    SortedMap<String, String> podLabels = labels(fleet, s);
    podLabels.put(Labels.HTTPS_EGRESS, "true");
    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(podLabels);

    DeploymentSpec spec = new DeploymentSpec();
    spec.setRevisionHistoryLimit(5);
    spec.setSelector(podSelector(s));
    spec.setStrategy(new DeploymentStrategy(new RollingUpdateDeployment(new IntOrString(1), new IntOrString(0)),
        "RollingUpdate"));
    spec.setTemplate(new PodTemplateSpec(podMeta, pod));
    if (!s.scaling().isScaled()) {
      spec.setReplicas(s.scaling().minReplicas());
    }
    Deployment d = new Deployment();
    d.setMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)));
    d.setSpec(spec);
    return d;
  }

  private static String deploymentComment(SubAgent s) {
    return s.role().title() + " sub-agent " + s.id().toUpperCase(java.util.Locale.ROOT) + ".\n"
        + (s.scaling().isScaled()
            ? "No spec.replicas: the " + (s.scaling().autoscaler() == Autoscaler.KEDA
                ? "KEDA ScaledObject" : "HorizontalPodAutoscaler") + " below owns the count (" + s.scaling().minReplicas()
                + ".." + s.scaling().maxReplicas() + "); a value here would reset the scale on every sync."
            : "Fixed at " + s.scaling().minReplicas() + (s.scaling().minReplicas() == 1 ? " replica" : " replicas")
                + " (minimum = maximum): no HPA, ScaledObject or VPA, nothing autoscales it.");
  }

  static Service service(Fleet fleet, SubAgent s) {
    return service(fleet, s, new Shared(fleet));
  }

  private static Service service(Fleet fleet, SubAgent s, Shared shared) {
    ServiceSpec spec = new ServiceSpec();
    spec.setType("ClusterIP");
    spec.setSelector(selector(s));
    spec.setPorts(shared.servicePorts);
    Service service = new Service();
    service.setMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)));
    service.setSpec(spec);
    return service;
  }

  static PodDisruptionBudget pdb(Fleet fleet, SubAgent s) {
    PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
    spec.setMaxUnavailable(new IntOrString(1));
    spec.setUnhealthyPodEvictionPolicy("AlwaysAllow");
    spec.setSelector(podSelector(s));
    PodDisruptionBudget pdb = new PodDisruptionBudget();
    pdb.setMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)));
    pdb.setSpec(spec);
    return pdb;
  }

  /** The label selector of a sub-agent's pods, as the objects that select them hold it. */
  private static LabelSelector podSelector(SubAgent s) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(selector(s));
    return selector;
  }

  /**
   * Egress to the Kubernetes API server for a sub-agent granted API access: its token is useless otherwise, since
   * the HTTPS rule excludes the private ranges the API server lives in. One rule per stated endpoint, each address
   * with its own port ({@code network.apiServer}), so that no other port on those addresses opens.
   */
  static NetworkPolicy apiServerEgress(Fleet fleet, SubAgent s) {
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    for (NetworkSpec.ApiServerEndpoint e : fleet.network().apiServer()) {
      IPBlock block = new IPBlock();
      block.setCidr(e.cidr());
      NetworkPolicyPeer to = new NetworkPolicyPeer();
      to.setIpBlock(block);
      NetworkPolicyPort port = new NetworkPolicyPort();
      port.setProtocol("TCP");
      port.setPort(new IntOrString(e.port()));
      NetworkPolicyEgressRule rule = new NetworkPolicyEgressRule();
      rule.setTo(List.of(to));
      rule.setPorts(List.of(port));
      egress.add(rule);
    }
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(podSelector(s));
    spec.setPolicyTypes(List.of("Egress"));
    spec.setEgress(egress);
    NetworkPolicy policy = new NetworkPolicy();
    policy.setMetadata(Labels.meta(fleet, io.agentfleet.model.Names.subAgentApiServer(s.id()), labels(fleet, s)));
    policy.setSpec(spec);
    return policy;
  }

  private static String apiServerComment(Fleet fleet) {
    return "apiAccess: read mounts a token; this lets the pods use it. The API server is on a private address the HTTPS\n"
        + "rule excludes, and a NetworkPolicy cannot name it, so its endpoints are those stated in fleet.yaml\n"
        + "(network.apiServer): the kubernetes Service's endpoints and its ClusterIP, since plugins differ in whether\n"
        + "policy sees the address before or after the ClusterIP is rewritten (Kubernetes docs, Network Policies).";
  }

  static NetworkPolicy networkPolicy(Fleet fleet, SubAgent s) {
    return networkPolicy(fleet, s, new Shared(fleet));
  }

  /** Ingress from the fleet's agents to the HTTP port and from Prometheus to the metrics port, nothing else. */
  private static NetworkPolicy networkPolicy(Fleet fleet, SubAgent s, Shared shared) {
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(podSelector(s));
    spec.setPolicyTypes(List.of("Ingress"));
    spec.setIngress(shared.ingress);
    NetworkPolicy policy = new NetworkPolicy();
    policy.setMetadata(Labels.meta(fleet, s.name(), labels(fleet, s)));
    policy.setSpec(spec);
    return policy;
  }
}
