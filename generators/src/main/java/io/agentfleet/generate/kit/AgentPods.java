package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
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
    List<EnvVar> env = new ArrayList<>();
    env.add(env("AGENT_ID", id));
    env.add(env("AGENT_ROLE", role));
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
    return new ContainerBuilder()
        .withName("agent")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(AgentContract.HTTP_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withContainerPort(AgentContract.METRICS_PORT).withProtocol("TCP").endPort()
        .withEnv(env)
        .withResources(resources(resources))
        .withStartupProbe(httpProbe(AgentContract.LIVENESS_PATH, "http", 5, 30))
        .withLivenessProbe(httpProbe(AgentContract.LIVENESS_PATH, "http", 20, 3))
        .withReadinessProbe(httpProbe(AgentContract.READINESS_PATH, "http", 10, 3))
        .withSecurityContext(containerSecurity())
        .withVolumeMounts(mount("tmp", AgentContract.TMP, false), mount("home", AgentContract.HOME, false),
            mount("workspace", AgentContract.WORKSPACE, false), mount("discovery", AgentContract.DISCOVERY_DIR, true))
        .build();
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
    return new VolumeBuilder().withName(name).withNewEmptyDir().withSizeLimit(new Quantity(sizeLimit)).endEmptyDir()
        .build();
  }

  /** The agent-discovery ConfigMap as a read-only volume. */
  public static Volume discoveryVolume() {
    return new VolumeBuilder().withName("discovery")
        .withNewConfigMap().withName(AgentContract.DISCOVERY_CONFIGMAP).endConfigMap().build();
  }
}
