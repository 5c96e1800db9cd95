package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.ContainerRef;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Located;
import io.agentfleet.generate.inspect.PodTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The baseline controls of the Pod Security Standards v1.34 (also part of restricted). */
public final class PodSecurityBaseline {
  static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
      "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  static final List<String> SELINUX_TYPES = List.of("container_t", "container_init_t", "container_kvm_t",
      "container_engine_t");
  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  private PodSecurityBaseline() {}

  /** Adds a message per violated baseline control; hostPath, added capabilities and Unconfined seccomp are left to
   * the restricted checks when {@code restricted} (they judge them more strictly). */
  static void check(PodTemplate pod, boolean restricted, List<String> out) {
    JsonNode spec = pod.spec();
    JsonNode podSc = spec.path("securityContext");
    if (Json.isTrue(podSc, "windowsOptions", "hostProcess")) {
      out.add(pod.at("securityContext", "windowsOptions", "hostProcess") + ": must not be true");
    }
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (Json.isTrue(spec, host)) {
        out.add(pod.at(host) + ": must not be true");
      }
    }
    if (!restricted) {
      List<JsonNode> volumes = Json.list(spec.path("volumes"));
      for (int i = 0; i < volumes.size(); i++) {
        if (volumes.get(i).has("hostPath")) {
          out.add(Json.field(Json.index(pod.at("volumes"), i), "hostPath") + ": must not be used");
        }
      }
      seccompNotUnconfined(podSc, pod, out);
    }
    appArmor(podSc, pod, out);
    seLinux(podSc, pod, out);
    List<JsonNode> sysctls = Json.list(podSc.path("sysctls"));
    for (int i = 0; i < sysctls.size(); i++) {
      String name = Json.text(sysctls.get(i), "name");
      if (!SAFE_SYSCTLS.contains(name)) {
        out.add(Json.field(Json.index(pod.at("securityContext", "sysctls"), i), "name") + ": " + name
            + " is not a safe sysctl");
      }
    }
    for (Map.Entry<String, String> a : Json.stringMap(pod.metadata().path("annotations")).entrySet()) {
      if (a.getKey().startsWith(APPARMOR_ANNOTATION) && !a.getValue().equals("runtime/default")
          && !a.getValue().startsWith("localhost/")) {
        out.add(Json.field(Json.field(pod.metadataPath(), "annotations"), a.getKey())
            + ": must be runtime/default or localhost/<profile>");
      }
    }
    for (ContainerRef c : pod.allContainers()) {
      container(c, restricted, out);
    }
  }

  private static void container(ContainerRef c, boolean restricted, List<String> out) {
    JsonNode sc = c.node().path("securityContext");
    if (Json.isTrue(sc, "windowsOptions", "hostProcess")) {
      out.add(c.at("securityContext", "windowsOptions", "hostProcess") + ": must not be true");
    }
    if (Json.isTrue(sc, "privileged")) {
      out.add(c.at("securityContext", "privileged") + ": must not be true");
    }
    if (!restricted) {
      for (String cap : Json.strings(sc.path("capabilities").path("add"))) {
        if (!BASELINE_CAPABILITIES.contains(cap)) {
          out.add(c.at("securityContext", "capabilities", "add") + ": " + cap + " must not be added");
        }
      }
      seccompNotUnconfined(sc, c, out);
    }
    List<JsonNode> ports = Json.list(c.node().path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).path("hostPort").asInt(0) != 0) {
        out.add(Json.field(Json.index(c.at("ports"), i), "hostPort") + ": must be unset or 0");
      }
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      for (String action : List.of("httpGet", "tcpSocket")) {
        if (hostSet(c.node().path(probe), action)) {
          out.add(c.at(probe, action, "host") + ": must be unset");
        }
      }
    }
    for (String hook : List.of("postStart", "preStop")) {
      for (String action : List.of("httpGet", "tcpSocket")) {
        if (hostSet(c.node().path("lifecycle").path(hook), action)) {
          out.add(c.at("lifecycle", hook, action, "host") + ": must be unset");
        }
      }
    }
    appArmor(sc, c, out);
    seLinux(sc, c, out);
    String procMount = Json.text(sc, "procMount");
    if (procMount != null && !procMount.equals("Default")) {
      out.add(c.at("securityContext", "procMount") + ": must be unset or Default");
    }
  }

  /** Whether a probe's or hook's handler sets a host for {@code action} ({@code httpGet}, {@code tcpSocket}). */
  private static boolean hostSet(JsonNode handler, String action) {
    String host = Json.text(handler, action, "host");
    return host != null && !host.isEmpty();
  }

  /** Checks the security context {@code sc} of {@code where} (the pod's or a container's). */
  private static void seccompNotUnconfined(JsonNode sc, Located where, List<String> out) {
    if ("Unconfined".equals(Json.text(sc, "seccompProfile", "type"))) {
      out.add(where.at("securityContext", "seccompProfile", "type") + ": must not be Unconfined");
    }
  }

  private static void appArmor(JsonNode sc, Located where, List<String> out) {
    String type = Json.text(sc, "appArmorProfile", "type");
    if (type != null && !type.equals("RuntimeDefault") && !type.equals("Localhost")) {
      out.add(where.at("securityContext", "appArmorProfile", "type") + ": must be RuntimeDefault or Localhost");
    }
  }

  private static void seLinux(JsonNode sc, Located where, List<String> out) {
    JsonNode opts = sc.path("seLinuxOptions");
    String type = Json.text(opts, "type");
    if (type != null && !type.isEmpty() && !SELINUX_TYPES.contains(type)) {
      out.add(where.at("securityContext", "seLinuxOptions", "type") + ": must be unset or one of "
          + String.join(", ", SELINUX_TYPES));
    }
    for (String field : List.of("user", "role")) {
      String v = Json.text(opts, field);
      if (v != null && !v.isEmpty()) {
        out.add(where.at("securityContext", "seLinuxOptions", field) + ": must be unset");
      }
    }
  }
}
