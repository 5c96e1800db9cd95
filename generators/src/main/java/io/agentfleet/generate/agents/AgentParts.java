package io.agentfleet.generate.agents;

import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.ExternalSecrets;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Component;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The objects of one standard agent; names and labels come from {@link AgentNames}. */
final class AgentParts {
  /** The port PostgreSQL listens on behind the fleet's read-write Service. */
  static final int POSTGRES_PORT = 5432;

  private final Fleet fleet;
  private final Agent agent;

  AgentParts(Fleet fleet, Agent agent) {
    this.fleet = fleet;
    this.agent = agent;
  }

  /** Where the agent's {@code field} ({@code frontend.port}) came from, as a source note. */
  private String source(String field) {
    return fleet.sources().note("agents[" + agent.id() + "]." + field);
  }

  /** Source notes of the one container of a part's Deployment: image, requests and limits. */
  private Map<String, String> containerNotes(String part) {
    String container = "/spec/template/spec/containers/0";
    Map<String, String> notes = new TreeMap<>();
    notes.put(container + "/image", source(part + ".image"));
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        notes.put(container + "/resources/" + kind + "/" + resource, source(part + "." + kind + "." + resource));
      }
    }
    return notes;
  }

  List<Document> serviceAccounts() {
    List<Document> docs = new ArrayList<>();
    for (String part : AgentNames.parts(agent)) {
      docs.add(Document.of(Workloads.serviceAccount(
          Labels.meta(fleet, AgentNames.name(agent, part), AgentNames.labels(fleet, agent, part)), false),
          part.equals(AgentNames.WORKER)
              ? "One account per part, none with an API token: no part of an agent talks to the Kubernetes API." : ""));
    }
    return docs;
  }

  /** ExternalSecret templates for the worker's Git token (the database credentials come from database/). */
  List<Document> secrets() {
    if (fleet.secrets().provider() != SecretsProvider.EXTERNAL_SECRETS || agent.worker().gitSecret().isEmpty()) {
      return List.of();
    }
    String secret = agent.worker().gitSecret().orElseThrow();
    return List.of(Document.of(
        ExternalSecrets.of(fleet, secret, AgentNames.labels(fleet, agent, AgentNames.WORKER), null, List.of("token")),
        "The Git token the worker pushes with, from key " + ExternalSecrets.remoteKey(fleet, secret)
            + " of the store. No value in the tree."));
  }

  List<Document> worker() {
    String name = AgentNames.name(agent, AgentNames.WORKER);
    SortedMap<String, String> podLabels = AgentNames.labels(fleet, agent, AgentNames.WORKER);
    podLabels.put(Labels.HTTPS_EGRESS, "true");
    List<EnvVar> env = new ArrayList<>(AgentPods.agentEnv(fleet, agent.id(), "standard-agent"));
    agent.frontend().ifPresent(c -> env.add(AgentPods.env("FRONTEND_URL", url(AgentNames.FRONTEND, c.port()))));
    agent.backend().ifPresent(c -> env.add(AgentPods.env("BACKEND_URL", url(AgentNames.BACKEND, c.port()))));
    agent.worker().repository().ifPresent(r -> env.add(AgentPods.env("GIT_REPOSITORY", r)));
    agent.worker().gitSecret().ifPresent(s -> env.add(AgentPods.secretEnv("GIT_TOKEN", s, "token")));
    env.addAll(AgentPods.withExtra(List.of(), agent.worker().env()));
    Container container = AgentPods.agentContainer(agent.worker().image(), env, agent.worker().resources());
    List<Volume> volumes = List.of(AgentPods.emptyDir("tmp", "1Gi"), AgentPods.emptyDir("home", "1Gi"),
        Workloads.claimVolume("workspace", name), AgentPods.discoveryVolume(fleet));
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(Workloads.claim(Labels.meta(fleet, name, AgentNames.labels(fleet, agent, AgentNames.WORKER)),
            agent.worker().workspace().toString()),
            "The worker's checkout survives restarts and rollouts; the cluster's default StorageClass provides it.")
        .note("/spec/resources/requests/storage", source("worker.workspace")));
    PodSpec pod = pod(name, AgentContract.USER_ID, container, volumes);
    pod.setTerminationGracePeriodSeconds(AgentContract.TERMINATION_GRACE_SECONDS);
    DeploymentStrategy recreate = new DeploymentStrategy();
    recreate.setType("Recreate");
    docs.add(Document.of(deployment(AgentNames.WORKER, 1, recreate, podLabels, pod),
        "The Claude Code worker of agent " + agent.id().toUpperCase(java.util.Locale.ROOT)
            + ". One replica, recreated rather than rolled: its workspace volume\n"
            + "can be mounted by one pod at a time (ReadWriteOnce).").notes(containerNotes(AgentNames.WORKER)));
    docs.add(Document.of(service(AgentNames.WORKER,
        List.of(port("http", AgentContract.HTTP_PORT), port("metrics", AgentContract.METRICS_PORT)))));
    docs.add(disruptionBudget(AgentNames.WORKER, "maxUnavailable 1: a drain may always evict the worker, which checkpoints its step on SIGTERM."));
    return docs;
  }

  List<Document> frontend(Component c) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("PORT", Integer.toString(c.port()));
    settings.put("HOSTNAME", "0.0.0.0");
    settings.put("NEXT_TELEMETRY_DISABLED", "1");
    agent.backend().ifPresent(b -> settings.put("BACKEND_URL", url(AgentNames.BACKEND, b.port())));
    List<EnvVar> env = List.of();
    List<Document> docs = new ArrayList<>(webComponent(AgentNames.FRONTEND, c, settings, env,
        List.of(AgentPods.emptyDir("tmp", "256Mi"), AgentPods.emptyDir("cache", "1Gi")),
        Map.of("tmp", "/tmp", "cache", "/app/.next/cache")));
    agent.ingress().ifPresent(i -> docs.add(ingress(c, i)));
    return docs;
  }

  List<Document> backend(Component c) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("ASPNETCORE_URLS", "http://+:" + c.port());
    settings.put("ASPNETCORE_ENVIRONMENT", "Production");
    settings.put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    List<EnvVar> env = List.of(
        AgentPods.env("DB_HOST", fleet.name() + "-postgres-rw." + fleet.namespace() + ".svc"),
        AgentPods.env("DB_PORT", Integer.toString(POSTGRES_PORT)),
        AgentPods.env("DB_NAME", agent.database()),
        AgentPods.secretEnv("DB_USER", agent.databaseSecret(), "username"),
        AgentPods.secretEnv("DB_PASSWORD", agent.databaseSecret(), "password"),
        AgentPods.env("ConnectionStrings__Default",
            "Host=$(DB_HOST);Port=$(DB_PORT);Database=$(DB_NAME);Username=$(DB_USER);Password=$(DB_PASSWORD)"));
    return webComponent(AgentNames.BACKEND, c, settings, env,
        List.of(AgentPods.emptyDir("tmp", "256Mi")), Map.of("tmp", "/tmp"));
  }

  /** Settings ConfigMap, Deployment, Service and (with more than one replica) PodDisruptionBudget of a web part. */
  private List<Document> webComponent(String part, Component c, Map<String, String> settings, List<EnvVar> env,
      List<Volume> volumes, Map<String, String> mounts) {
    String name = AgentNames.name(agent, part);
    SortedMap<String, String> labels = AgentNames.labels(fleet, agent, part);
    List<ContainerPort> containerPorts = new ArrayList<>();
    containerPorts.add(AgentPods.containerPort("http", c.port()));
    c.metricsPort().ifPresent(m -> containerPorts.add(AgentPods.containerPort("metrics", m)));
    EnvFromSource settingsEnv = new EnvFromSource();
    settingsEnv.setConfigMapRef(new ConfigMapEnvSource(name, null));
    List<VolumeMount> volumeMounts = new ArrayList<>();
    new TreeMap<>(mounts).forEach((volume, path) -> volumeMounts.add(AgentPods.mount(volume, path, false)));
    Container container = Workloads.container(part, c.image());
    container.setPorts(containerPorts);
    container.setEnvFrom(List.of(settingsEnv));
    container.setEnv(AgentPods.withExtra(env, c.env()));
    container.setResources(AgentPods.resources(c.resources()));
    container.setStartupProbe(AgentPods.httpProbe(c.healthPath(), "http", 5, 24));
    container.setLivenessProbe(AgentPods.httpProbe(c.healthPath(), "http", 20, 3));
    container.setReadinessProbe(AgentPods.httpProbe(c.healthPath(), "http", 10, 3));
    container.setSecurityContext(AgentPods.containerSecurity());
    container.setVolumeMounts(volumeMounts);
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(Workloads.configMap(Labels.meta(fleet, name, labels), settings)));
    DeploymentStrategy rolling = new DeploymentStrategy(
        new RollingUpdateDeployment(new IntOrString(1), new IntOrString(0)), "RollingUpdate");
    Deployment deployment = deployment(part, c.replicas(), rolling, labels,
        pod(name, c.runAsUser(), container, volumes));
    docs.add(Document.of(deployment, part.equals(AgentNames.BACKEND)
        ? "Runs as the .NET images' non-root user " + c.runAsUser() + " (they default to root, which restricted refuses).\n"
            + "The connection string is assembled from the agent's own database Secret " + agent.databaseSecret()
            + "\n(keys username, password); no credential is written here."
        : "Runs as user " + c.runAsUser() + " with a read-only root; Next.js writes only to /tmp and .next/cache.")
        .notes(containerNotes(part))
        .note("/spec/replicas", source(part + ".replicas"))
        .note("/spec/template/spec/containers/0/ports/0/containerPort", source(part + ".port")));
    List<ServicePort> ports = new ArrayList<>();
    ports.add(Workloads.servicePort("http", c.port(), "http"));
    c.metricsPort().ifPresent(m -> ports.add(port("metrics", m)));
    docs.add(Document.of(service(part, ports)));
    docs.add(disruptionBudget(part, c.replicas() > 1
        ? "With " + c.replicas() + " replicas, a drain takes one at a time."
        : "maxUnavailable 1: a node drain may always evict the single replica (it is replaced at once)."));
    return docs;
  }

  /**
   * The part's PodDisruptionBudget, as the sub-agents have: {@code maxUnavailable: 1} so that a drain is never
   * blocked, and unhealthy pods always evictable ({@code AlwaysAllow}) so that a crash-looping pod cannot pin a node.
   */
  private Document disruptionBudget(String part, String comment) {
    PodDisruptionBudgetSpec spec = new PodDisruptionBudgetSpec();
    spec.setMaxUnavailable(new IntOrString(1));
    spec.setUnhealthyPodEvictionPolicy("AlwaysAllow");
    spec.setSelector(selector(part));
    PodDisruptionBudget budget = new PodDisruptionBudget();
    budget.setMetadata(Labels.meta(fleet, AgentNames.name(agent, part), AgentNames.labels(fleet, agent, part)));
    budget.setSpec(spec);
    return Document.of(budget, comment);
  }

  // The objects below are put together with setters, as the sub-agents' are: fabric8's nested builders copy every
  // part below a level when it is given and once more when it builds, most of what an agent cost to make.

  /** The selector of a part's pods. */
  private LabelSelector selector(String part) {
    return Workloads.selector(AgentNames.selector(agent, part));
  }

  /** The pod of a part: its own service account, no API token, the fleet's medium priority. */
  private PodSpec pod(String name, long userId, Container container, List<Volume> volumes) {
    PodSpec pod = new PodSpec();
    pod.setServiceAccountName(name);
    pod.setAutomountServiceAccountToken(false);
    pod.setPriorityClassName(fleet.priorityClassName(io.agentfleet.model.Priority.MEDIUM));
    pod.setEnableServiceLinks(false);
    pod.setSecurityContext(AgentPods.podSecurity(userId));
    pod.setContainers(List.of(container));
    pod.setVolumes(volumes);
    return pod;
  }

  /** The Deployment of a part, its pods labelled {@code podLabels}. */
  private Deployment deployment(String part, int replicas, DeploymentStrategy strategy,
      Map<String, String> podLabels, PodSpec pod) {
    DeploymentSpec spec = new DeploymentSpec();
    spec.setReplicas(replicas);
    spec.setRevisionHistoryLimit(5);
    spec.setSelector(selector(part));
    spec.setStrategy(strategy);
    spec.setTemplate(new PodTemplateSpec(Workloads.podMeta(podLabels, null), pod));
    Deployment deployment = new Deployment();
    deployment.setMetadata(Labels.meta(fleet, AgentNames.name(agent, part), AgentNames.labels(fleet, agent, part)));
    deployment.setSpec(spec);
    return deployment;
  }

  /** The ClusterIP Service of a part. */
  private Service service(String part, List<ServicePort> ports) {
    return Workloads.clusterIp(Labels.meta(fleet, AgentNames.name(agent, part), AgentNames.labels(fleet, agent, part)),
        AgentNames.selector(agent, part), ports);
  }

  private Document ingress(Component c, io.agentfleet.model.IngressSpec spec) {
    String name = AgentNames.name(agent, AgentNames.FRONTEND);
    IngressBuilder b = new IngressBuilder()
        .withMetadata(Labels.meta(fleet, name, AgentNames.labels(fleet, agent, AgentNames.FRONTEND)))
        .withNewSpec()
        .addNewRule().withHost(spec.host())
        .withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
        .withNewBackend().withNewService().withName(name).withNewPort().withName("http").endPort().endService()
        .endBackend().endPath().endHttp()
        .endRule()
        .endSpec();
    spec.className().ifPresent(cls -> b.editSpec().withIngressClassName(cls).endSpec());
    spec.tlsSecret().ifPresent(t -> b.editSpec().addNewTl().withHosts(spec.host()).withSecretName(t).endTl().endSpec());
    return Document.of(b.build(), "Publishes the frontend at " + spec.host() + "; only the ingress controller's namespace ("
        + fleet.network().ingressNamespace() + ") may reach it.");
  }

  private String url(String part, int port) {
    return "http://" + AgentNames.name(agent, part) + "." + fleet.namespace() + ".svc:" + port;
  }

  /** A TCP port of a Service, to the container port of the same name. */
  private static ServicePort port(String name, int port) {
    return Workloads.servicePort(name, port, name);
  }
}
