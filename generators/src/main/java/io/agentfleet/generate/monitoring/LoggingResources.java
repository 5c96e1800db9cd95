package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.LogSink;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code monitoring/logging.yaml}: Fluent Bit on every node, reading only the fleet's container logs, parsing the
 * agents' JSON lines and shipping them to Loki or Elasticsearch. It reads host paths, which no Pod Security level
 * but "privileged" admits, so it runs in a namespace of its own; inside it the container still drops every
 * capability and cannot escalate.
 */
final class LoggingResources {
  static final String NAME = "fluent-bit";
  static final int PORT = 2020;

  private LoggingResources() {}

  /** The agents' log line: one JSON object per line, these fields at least. */
  static final List<String> LOG_FIELDS = List.of("time (RFC 3339)", "level (debug, info, warn, error)", "msg",
      "agent_id", "task_id (while working on a task)");

  static String parsers() {
    return """
        [PARSER]
            Name        agent-json
            Format      json
            Time_Key    time
            Time_Format %Y-%m-%dT%H:%M:%S.%L%z
            Time_Keep   On
        """;
  }

  static String config(Fleet fleet, Monitoring.Logging l) {
    URI u = URI.create(l.url());
    boolean tls = "https".equals(u.getScheme());
    int port = u.getPort() > 0 ? u.getPort() : (tls ? 443 : 80);
    String output = l.sink() == LogSink.LOKI
        ? """
        [OUTPUT]
            Name        loki
            Match       kube.*
            Host        %s
            Port        %d
            tls         %s
            Uri         %s
            labels      job=fluent-bit, namespace=$kubernetes['namespace_name'], pod=$kubernetes['pod_name'], container=$kubernetes['container_name'], workload=$kubernetes['labels']['app.kubernetes.io/instance'], level=$level
            line_format json
        """.formatted(u.getHost(), port, tls ? "On" : "Off", path(u, "/loki/api/v1/push"))
        : """
        [OUTPUT]
            Name               es
            Match              kube.*
            Host               %s
            Port               %d
            tls                %s
        %s    Index              %s
            Suppress_Type_Name On
            Replace_Dots       On
            Trace_Error        On
        """.formatted(u.getHost(), port, tls ? "On" : "Off",
            path(u, "").equals("/") ? "" : "    Path               " + path(u, "") + "\n", l.index());
    return """
        [SERVICE]
            Flush         5
            Log_Level     info
            Parsers_File  /fluent-bit/etc/parsers.conf
            HTTP_Server   On
            HTTP_Listen   0.0.0.0
            HTTP_Port     %d
            Health_Check  On
            storage.path  /var/lib/fluent-bit/storage

        [INPUT]
            Name              tail
            Tag               kube.*
            Path              /var/log/containers/*_%s_*.log
            multiline.parser  cri, docker
            DB                /var/lib/fluent-bit/tail.db
            Mem_Buf_Limit     32MB
            Skip_Long_Lines   On
            Refresh_Interval  10
            storage.type      filesystem

        [FILTER]
            Name                kubernetes
            Match               kube.*
            Kube_URL            https://kubernetes.default.svc:443
            Kube_Tag_Prefix     kube.var.log.containers.
            Merge_Log           Off
            K8S-Logging.Parser  Off
            K8S-Logging.Exclude Off
            Labels              On
            Annotations         Off

        [FILTER]
            Name          parser
            Match         kube.*
            Key_Name      log
            Parser        agent-json
            Reserve_Data  On
            Preserve_Key  Off

        """.formatted(PORT, fleet.namespace()) + output;
  }

  private static String path(URI u, String fallback) {
    String p = u.getPath();
    return p == null || p.isEmpty() || p.equals("/") ? (fallback.isEmpty() ? "/" : fallback) : p;
  }

  static List<Document> documents(Fleet fleet, Monitoring.Logging l) {
    String ns = l.namespace();
    SortedMap<String, String> labels = MonitoringParts.labels(fleet, NAME, "logging");
    String reader = fleet.name() + "-log-metadata";
    String config = config(fleet, l);
    List<Document> docs = new ArrayList<>();
    MonitoringParts.namespace(fleet, ns, "privileged").ifPresent(n -> docs.add(Document.of(n,
        "Pod Security \"privileged\": the log collector mounts the node's /var/log (hostPath), which neither\n"
            + "\"restricted\" nor \"baseline\" admits. Only the collector runs here; see monitoring/README.md.")));
    docs.add(Document.of(Workloads.serviceAccount(Labels.meta(ns, NAME, labels), true),
        "Mounts a token: the kubernetes filter reads pod labels from the API."));
    docs.add(Document.of(MonitoringParts.podReader(fleet, reader, labels),
        "Pod metadata of the fleet's namespace only: the collector tails no other namespace's logs."));
    docs.add(Document.of(MonitoringParts.bind(fleet, reader, labels, ns, NAME)));
    docs.add(Document.of(Workloads.configMap(Labels.meta(ns, NAME, labels),
            Map.of("fluent-bit.conf", config, "parsers.conf", parsers())),
        "Tails /var/log/containers/*_" + fleet.namespace() + "_*.log (CRI or Docker lines), parses each agent's JSON\n"
            + "line into fields (parser agent-json; other lines stay text), adds pod labels, ships to " + l.sink() + " at " + l.url() + "."));
    docs.add(Document.of(daemonSet(fleet, l, ns, labels, config),
        "The least a node-level log reader needs: /var/log read-only, its own state directory (read positions,\n"
            + "buffered chunks) so nothing is lost or sent twice across restarts. User 0 because the kubelet writes\n"
            + "the log files as root with mode 0640; every capability is dropped, so root here cannot bypass file\n"
            + "permissions, load modules or escalate. No hostNetwork, no hostPID, not privileged. Tolerates every\n"
            + "taint so that agents on any node are covered. Its priority is the fleet's highest class: the\n"
            + "system-* classes are reserved for the cluster's own components, and clusters may limit them to\n"
            + "kube-system with a ResourceQuota scoped to those classes."));
    return docs;
  }

  /** The collector's DaemonSet: root without capabilities, the node's /var/log read-only, its own state directory. */
  private static DaemonSet daemonSet(Fleet fleet, Monitoring.Logging l, String ns, SortedMap<String, String> labels,
      String config) {
    Capabilities none = new Capabilities();
    none.setDrop(List.of("ALL"));
    SecurityContext containerSecurity = new SecurityContext();
    containerSecurity.setAllowPrivilegeEscalation(false);
    containerSecurity.setReadOnlyRootFilesystem(true);
    containerSecurity.setPrivileged(false);
    containerSecurity.setCapabilities(none);
    Container container = Workloads.container(NAME, l.image());
    container.setPorts(List.of(AgentPods.containerPort("http", PORT)));
    container.setResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.LOG_SHIPPER_RESOURCES));
    container.setLivenessProbe(AgentPods.httpProbe("/", "http", 20, 3));
    container.setReadinessProbe(AgentPods.httpProbe("/api/v1/health", "http", 10, 3));
    container.setSecurityContext(containerSecurity);
    container.setVolumeMounts(List.of(AgentPods.mount("varlog", "/var/log", true),
        AgentPods.mount("state", "/var/lib/fluent-bit", false), AgentPods.mount("config", "/fluent-bit/etc", true)));
    PodSecurityContext podSecurity = new PodSecurityContext();
    podSecurity.setRunAsUser(0L);
    podSecurity.setRunAsGroup(0L);
    podSecurity.setRunAsNonRoot(false);
    podSecurity.setSeccompProfile(AgentPods.runtimeDefaultSeccomp());
    Toleration everything = new Toleration();
    everything.setOperator("Exists");
    PodSpec pod = new PodSpec();
    pod.setServiceAccountName(NAME);
    pod.setAutomountServiceAccountToken(true);
    pod.setEnableServiceLinks(false);
    pod.setPriorityClassName(fleet.prioritiesUsed().isEmpty() ? null
        : fleet.priorityClassName(fleet.prioritiesUsed().last()));
    pod.setTolerations(List.of(everything));
    pod.setSecurityContext(podSecurity);
    pod.setContainers(List.of(container));
    pod.setVolumes(List.of(Workloads.hostPathVolume("varlog", "/var/log", "Directory"),
        Workloads.hostPathVolume("state", "/var/lib/fluent-bit", "DirectoryOrCreate"),
        Workloads.configMapVolume("config", NAME)));
    DaemonSetUpdateStrategy rolling = new DaemonSetUpdateStrategy();
    rolling.setType("RollingUpdate");
    DaemonSetSpec spec = new DaemonSetSpec();
    spec.setRevisionHistoryLimit(3);
    spec.setSelector(Workloads.selector(Labels.selector(NAME, NAME)));
    spec.setUpdateStrategy(rolling);
    spec.setTemplate(new PodTemplateSpec(Workloads.podMeta(labels,
        Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(config, parsers()))), pod));
    DaemonSet daemonSet = new DaemonSet();
    daemonSet.setMetadata(Labels.meta(ns, NAME, labels));
    daemonSet.setSpec(spec);
    return daemonSet;
  }
}
