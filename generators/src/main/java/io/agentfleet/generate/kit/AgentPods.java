package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.Resources;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Building blocks of Claude Code agent pods that meet Pod Security "restricted" and the {@link AgentContract}. */
public final class AgentPods {
  private AgentPods() {}

  // The parts below are put together with setters, not fabric8's builders: a builder copies every nested part once
  // when it is given and once more when it builds, and the agents' and sub-agents' pods are made of these parts.

  /** Pod-level security: non-root numeric user, RuntimeDefault seccomp, group-owned volumes. */
  public static PodSecurityContext podSecurity(long userId) {
    PodSecurityContext security = new PodSecurityContext();
    security.setRunAsNonRoot(true);
    security.setRunAsUser(userId);
    security.setRunAsGroup(userId);
    security.setFsGroup(userId);
    security.setSeccompProfile(runtimeDefaultSeccomp());
    return security;
  }

  /** The container runtime's default seccomp profile, which Pod Security "restricted" requires. */
  public static SeccompProfile runtimeDefaultSeccomp() {
    SeccompProfile seccomp = new SeccompProfile();
    seccomp.setType("RuntimeDefault");
    return seccomp;
  }

  /** Container-level security: no privilege escalation, no capabilities, read-only root filesystem. */
  public static SecurityContext containerSecurity() {
    Capabilities capabilities = new Capabilities();
    capabilities.setDrop(new ArrayList<>(List.of("ALL")));
    SecurityContext security = new SecurityContext();
    security.setAllowPrivilegeEscalation(false);
    security.setReadOnlyRootFilesystem(true);
    security.setRunAsNonRoot(true);
    security.setCapabilities(capabilities);
    return security;
  }

  /** Requests and limits from resolved resources. */
  public static ResourceRequirements resources(Resources r) {
    Map<String, Quantity> requests = new TreeMap<>();
    requests.put("cpu", new Quantity(r.cpuRequest().toString()));
    requests.put("memory", new Quantity(r.memoryRequest().toString()));
    Map<String, Quantity> limits = new TreeMap<>();
    limits.put("cpu", new Quantity(r.cpuLimit().toString()));
    limits.put("memory", new Quantity(r.memoryLimit().toString()));
    ResourceRequirements requirements = new ResourceRequirements();
    requirements.setRequests(requests);
    requirements.setLimits(limits);
    return requirements;
  }

  /** An HTTP GET probe on a named port. */
  public static Probe httpProbe(String path, String port, int periodSeconds, int failureThreshold) {
    HTTPGetAction get = new HTTPGetAction();
    get.setPath(path);
    get.setPort(new IntOrString(port));
    Probe probe = new Probe();
    probe.setHttpGet(get);
    probe.setPeriodSeconds(periodSeconds);
    probe.setTimeoutSeconds(5);
    probe.setFailureThreshold(failureThreshold);
    return probe;
  }

  /** A container port over TCP. */
  public static ContainerPort containerPort(String name, int port) {
    ContainerPort p = new ContainerPort();
    p.setName(name);
    p.setContainerPort(port);
    p.setProtocol("TCP");
    return p;
  }

  /** A fixed environment variable. */
  public static EnvVar env(String name, String value) {
    EnvVar env = new EnvVar();
    env.setName(name);
    env.setValue(value);
    return env;
  }

  /** A variable read from a key of a Secret. */
  public static EnvVar secretEnv(String name, String secret, String key) {
    SecretKeySelector selector = new SecretKeySelector();
    selector.setName(secret);
    selector.setKey(key);
    EnvVarSource source = new EnvVarSource();
    source.setSecretKeyRef(selector);
    return fromSource(name, source);
  }

  /** A variable read from a field of the pod ({@code metadata.name}). */
  private static EnvVar fieldEnv(String name, String fieldPath) {
    ObjectFieldSelector selector = new ObjectFieldSelector();
    selector.setFieldPath(fieldPath);
    EnvVarSource source = new EnvVarSource();
    source.setFieldRef(selector);
    return fromSource(name, source);
  }

  private static EnvVar fromSource(String name, EnvVarSource source) {
    EnvVar env = new EnvVar();
    env.setName(name);
    env.setValueFrom(source);
    return env;
  }

  /** {@code env} followed by the fleet's extra variables ({@code env:} in fleet.yaml), in name order. */
  public static List<EnvVar> withExtra(List<EnvVar> env, Map<String, io.agentfleet.model.EnvValue> extra) {
    List<EnvVar> all = new ArrayList<>(env);
    new TreeMap<>(extra).forEach((name, v) -> all.add(v.isSecret()
        ? secretEnv(name, v.secret().orElseThrow(), v.key().orElseThrow())
        : env(name, v.value().orElseThrow())));
    return all;
  }

  /** The environment every agent container gets, per the contract. */
  public static List<EnvVar> agentEnv(Fleet fleet, String id, String role) {
    return agentEnv(id, role, fleetEnv(fleet));
  }

  /** {@code AGENT_ID} and {@code AGENT_ROLE}, then the variables all of the fleet's agents have alike. */
  private static List<EnvVar> agentEnv(String id, String role, List<EnvVar> fleetEnv) {
    List<EnvVar> env = new ArrayList<>(2 + fleetEnv.size());
    env.add(env("AGENT_ID", id));
    env.add(env("AGENT_ROLE", role));
    env.addAll(fleetEnv);
    return env;
  }

  /** The contract's variables that are the same for every agent of the fleet. */
  private static List<EnvVar> fleetEnv(Fleet fleet) {
    List<EnvVar> env = new ArrayList<>();
    env.add(env("FLEET_NAME", fleet.name()));
    env.add(fieldEnv("POD_NAME", "metadata.name"));
    env.add(fieldEnv("POD_NAMESPACE", "metadata.namespace"));
    env.add(secretEnv("ANTHROPIC_API_KEY", fleet.claude().apiKeySecret(), fleet.claude().apiKeyKey()));
    env.add(env("HOME", AgentContract.HOME));
    env.add(env("TMPDIR", AgentContract.TMP));
    env.add(env("AGENT_WORKSPACE", AgentContract.WORKSPACE));
    env.add(env("AGENT_DISCOVERY_FILE", AgentContract.DISCOVERY_DIR + "/" + AgentContract.DISCOVERY_FILE));
    return env;
  }

  /** The agent container: ports, probes, resources and writable mounts of the contract. */
  public static Container agentContainer(String image, List<EnvVar> env, Resources resources) {
    Container c = agentContainer(image, env, resources, new Parts());
    c.setPorts(new ArrayList<>(c.getPorts()));
    c.setVolumeMounts(new ArrayList<>(c.getVolumeMounts()));
    return c;
  }

  /**
   * The agent container put together with setters from {@code parts}, which it shares: a builder would copy each of
   * them into the container.
   */
  private static Container agentContainer(String image, List<EnvVar> env, Resources resources, Parts parts) {
    Container c = new Container();
    c.setName("agent");
    c.setImage(image);
    c.setImagePullPolicy("IfNotPresent");
    c.setPorts(parts.ports);
    c.setEnv(env);
    c.setResources(resources(resources));
    c.setStartupProbe(parts.startup);
    c.setLivenessProbe(parts.liveness);
    c.setReadinessProbe(parts.readiness);
    c.setSecurityContext(parts.containerSecurity);
    c.setVolumeMounts(parts.mounts);
    return c;
  }

  /**
   * The parts of an agent container that do not depend on the agent. Objects in a tree are never changed (a decorator
   * makes new ones), so one set may serve every container of a fleet ({@link SubAgentPods}).
   */
  private static final class Parts {
    final List<ContainerPort> ports = List.of(containerPort("http", AgentContract.HTTP_PORT),
        containerPort("metrics", AgentContract.METRICS_PORT));
    final Probe startup = httpProbe(AgentContract.LIVENESS_PATH, "http", 5, 30);
    final Probe liveness = httpProbe(AgentContract.LIVENESS_PATH, "http", 20, 3);
    final Probe readiness = httpProbe(AgentContract.READINESS_PATH, "http", 10, 3);
    final SecurityContext containerSecurity = containerSecurity();
    final List<VolumeMount> mounts = List.of(mount("tmp", AgentContract.TMP, false),
        mount("home", AgentContract.HOME, false), mount("workspace", AgentContract.WORKSPACE, false),
        mount("discovery", AgentContract.DISCOVERY_DIR, true));
  }

  /**
   * What the pods of one fleet's sub-agents have alike (security contexts, probes, ports, mounts, fixed variables and
   * volumes), made once per fleet and shared by every pod, which is safe because objects in a tree are never changed.
   * Built for each of thousands of sub-agents, these parts were most of what a large fleet's pods cost to make.
   */
  public static final class SubAgentPods {
    private final Parts parts = new Parts();
    private final PodSecurityContext podSecurity = AgentPods.podSecurity(AgentContract.USER_ID);
    private final List<EnvVar> fleetEnv;
    private final Volume tmp = emptyDir("tmp", "1Gi");
    private final Volume home = emptyDir("home", "1Gi");
    private final Volume discovery;

    public SubAgentPods(Fleet fleet) {
      this.fleetEnv = List.copyOf(fleetEnv(fleet));
      this.discovery = discoveryVolume(fleet);
    }

    /** {@link AgentPods#podSecurity} of the contract's user. */
    public PodSecurityContext podSecurity() {
      return podSecurity;
    }

    /** {@link AgentPods#agentEnv}. */
    public List<EnvVar> agentEnv(String id, String role) {
      return AgentPods.agentEnv(id, role, fleetEnv);
    }

    /** {@link AgentPods#agentContainer}. */
    public Container agentContainer(String image, List<EnvVar> env, Resources resources) {
      return AgentPods.agentContainer(image, env, resources, parts);
    }

    /** The volumes of a sub-agent's pod: tmp, home, its workspace of {@code workspaceSize}, the discovery files. */
    public List<Volume> volumes(String workspaceSize) {
      return new ArrayList<>(List.of(tmp, home, emptyDir("workspace", workspaceSize), discovery));
    }
  }

  /** A volume mount. */
  public static VolumeMount mount(String name, String path, boolean readOnly) {
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(path);
    if (readOnly) {
      mount.setReadOnly(true);
    }
    return mount;
  }

  /** A size-limited emptyDir volume. */
  public static Volume emptyDir(String name, String sizeLimit) {
    // Set, not built: each sub-agent's pod has its own workspace volume, and the builder copies it twice more.
    EmptyDirVolumeSource dir = new EmptyDirVolumeSource();
    dir.setSizeLimit(new Quantity(sizeLimit));
    Volume volume = new Volume();
    volume.setName(name);
    volume.setEmptyDir(dir);
    return volume;
  }

  /** The agent-discovery ConfigMap as a read-only volume. */
  public static Volume discoveryVolume() {
    ConfigMapVolumeSource configMap = new ConfigMapVolumeSource();
    configMap.setName(AgentContract.DISCOVERY_CONFIGMAP);
    Volume volume = new Volume();
    volume.setName("discovery");
    volume.setConfigMap(configMap);
    return volume;
  }

  /**
   * The fleet's discovery files as one read-only volume: the ConfigMap itself, or, for a fleet whose list needs more
   * than one file, a projected volume of every discovery ConfigMap (see {@link AgentContract#discoveryFiles}).
   */
  public static Volume discoveryVolume(io.agentfleet.model.Fleet fleet) {
    int files = AgentContract.discoveryFiles(fleet.subAgents().size());
    if (files == 1) {
      return discoveryVolume();
    }
    List<String> configMaps = new ArrayList<>();
    for (int page = 1; page <= files; page++) {
      configMaps.add(AgentContract.discoveryConfigMap(page));
    }
    return Workloads.projectedConfigMaps("discovery", configMaps);
  }
}
