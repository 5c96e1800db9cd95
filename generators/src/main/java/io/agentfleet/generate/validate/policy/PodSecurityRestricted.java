package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.PodTemplate;
import java.util.List;
import java.util.Set;

/** The controls the Pod Security Standards v1.34 add for "restricted" on top of baseline. */
public final class PodSecurityRestricted {
  static final List<String> VOLUME_TYPES = List.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret");
  private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

  private PodSecurityRestricted() {}

  /** Adds a message per violated restricted control. */
  static void check(PodTemplate pod, List<String> out) {
    JsonNode spec = pod.spec();
    JsonNode podSc = spec.path("securityContext");
    List<JsonNode> volumes = Json.list(spec.path("volumes"));
    for (int i = 0; i < volumes.size(); i++) {
      for (String type : Json.stringMap(volumes.get(i)).keySet()) {
        if (!type.equals("name") && !VOLUME_TYPES.contains(type)) {
          out.add(Json.index(pod.at("volumes"), i) + ": volume type " + type + " is not allowed (only "
              + String.join(", ", VOLUME_TYPES) + ")");
        }
      }
    }
    boolean podNonRoot = Json.isTrue(podSc, "runAsNonRoot");
    if (podSc.path("runAsNonRoot").isBoolean() && !podNonRoot) {
      out.add(pod.at("securityContext", "runAsNonRoot") + ": must be true");
    }
    if (podSc.path("runAsUser").isNumber() && podSc.path("runAsUser").asLong() == 0) {
      out.add(pod.at("securityContext", "runAsUser") + ": must not be 0");
    }
    String podSeccomp = Json.text(podSc, "seccompProfile", "type");
    boolean windows = pod.isWindows();
    if (!windows && podSeccomp != null && !SECCOMP_TYPES.contains(podSeccomp)) {
      out.add(pod.at("securityContext", "seccompProfile", "type") + ": must be RuntimeDefault or Localhost");
    }
    for (ContainerRef c : pod.allContainers()) {
      container(c, podNonRoot, podSeccomp != null, windows, out);
    }
  }

  private static void container(ContainerRef c, boolean podNonRoot, boolean podSeccomp, boolean windows,
      List<String> out) {
    JsonNode sc = c.node().path("securityContext");
    JsonNode escalation = sc.path("allowPrivilegeEscalation");
    if (!windows && (!escalation.isBoolean() || escalation.booleanValue())) {
      out.add(c.at("securityContext", "allowPrivilegeEscalation") + ": must be false");
    }
    JsonNode nonRoot = sc.path("runAsNonRoot");
    if (nonRoot.isBoolean() ? !nonRoot.booleanValue() : !podNonRoot) {
      out.add(c.at("securityContext", "runAsNonRoot") + ": must be true");
    }
    if (sc.path("runAsUser").isNumber() && sc.path("runAsUser").asLong() == 0) {
      out.add(c.at("securityContext", "runAsUser") + ": must not be 0");
    }
    if (windows) {
      return;
    }
    String seccomp = Json.text(sc, "seccompProfile", "type");
    if (seccomp != null ? !SECCOMP_TYPES.contains(seccomp) : !podSeccomp) {
      out.add(c.at("securityContext", "seccompProfile", "type") + ": must be RuntimeDefault or Localhost"
          + (seccomp == null ? " (set it on the pod or on every container)" : ""));
    }
    if (!Json.strings(sc.path("capabilities").path("drop")).contains("ALL")) {
      out.add(c.at("securityContext", "capabilities", "drop") + ": must include ALL");
    }
    for (String cap : Json.strings(sc.path("capabilities").path("add"))) {
      if (!cap.equals("NET_BIND_SERVICE")) {
        out.add(c.at("securityContext", "capabilities", "add") + ": only NET_BIND_SERVICE may be added, not " + cap);
      }
    }
  }
}
