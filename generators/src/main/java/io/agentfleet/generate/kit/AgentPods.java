package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Building blocks of Claude Code agent pods that meet Pod Security "restricted" and the {@link AgentContract}. */
public final class AgentPods {
  private AgentPods() {}

  /** Pod-level security: non-root numeric user, RuntimeDefault seccomp, group-owned volumes. */
  public static PodSecurityContext podSecurity(long userId) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(userId)
        .withRunAsGroup(userId)
        .withFsGroup(userId)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** Container-level security: no privilege escalation, no capabilities, read-only root filesystem. */
  public static SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .build();
  }

  /** Requests and limits from resolved resources. */
  public static ResourceRequirements resources(Resources r) {
    Map<String, Quantity> requests = new TreeMap<>();
    requests.put("cpu", new Quantity(r.cpuRequest().toString()));
    requests.put("memory", new Quantity(r.memoryRequest().toString()));
    Map<String, Quantity> limits = new TreeMap<>();
    limits.put("cpu", new Quantity(r.cpuLimit().toString()));
    limits.put("memory", new Quantity(r.memoryLimit().toString()));
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  /** An HTTP GET probe on a named port. */
  public static Probe httpProbe(String path, String port, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withNewPort(port).endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(5)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** A fixed environment variable. */
  public static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** {@code env} followed by the fleet's extra variables ({@code env:} in fleet.yaml), in name order. */
  public static List<EnvVar> withExtra(List<EnvVar> env, Map<String, io.agentfleet.model.EnvValue> extra) {
    List<EnvVar> all = new ArrayList<>(env);
    new TreeMap<>(extra).forEach((name, v) -> all.add(v.isSecret()
        ? new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
            .withName(v.secret().orElseThrow()).withKey(v.key().orElseThrow()).endSecretKeyRef().endValueFrom().build()
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
    env.add(new EnvVarBuilder().withName("POD_NAME")
        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
    env.add(new EnvVarBuilder().withName("POD_NAMESPACE")
        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
    env.add(new EnvVarBuilder().withName("ANTHROPIC_API_KEY")
        .withNewValueFrom().withNewSecretKeyRef()
        .withName(fleet.claude().apiKeySecret()).withKey(fleet.claude().apiKeyKey())
        .endSecretKeyRef().endValueFrom().build());
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
    final List<ContainerPort> ports = List.of(
        new ContainerPortBuilder().withName("http").withContainerPort(AgentContract.HTTP_PORT).withProtocol("TCP")
            .build(),
        new ContainerPortBuilder().withName("metrics").withContainerPort(AgentContract.METRICS_PORT).withProtocol("TCP")
            .build());
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
    VolumeMountBuilder b = new VolumeMountBuilder().withName(name).withMountPath(path);
    if (readOnly) {
      b.withReadOnly(true);
    }
    return b.build();
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
    return new VolumeBuilder().withName("discovery")
        .withNewConfigMap().withName(AgentContract.DISCOVERY_CONFIGMAP).endConfigMap().build();
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
    List<io.fabric8.kubernetes.api.model.VolumeProjection> sources = new java.util.ArrayList<>();
    for (int page = 1; page <= files; page++) {
      sources.add(new io.fabric8.kubernetes.api.model.VolumeProjectionBuilder().withNewConfigMap()
          .withName(AgentContract.discoveryConfigMap(page)).endConfigMap().build());
    }
    return new VolumeBuilder().withName("discovery").withNewProjected().withSources(sources).endProjected().build();
  }
}
