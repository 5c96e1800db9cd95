package io.agentfleet.generate.monitoring;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.LogSink;
import io.agentfleet.model.Monitoring;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
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
    docs.add(Document.of(new ServiceAccountBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withAutomountServiceAccountToken(true).build(),
        "Mounts a token: the kubernetes filter reads pod labels from the API."));
    docs.add(Document.of(MonitoringParts.podReader(fleet, reader, labels),
        "Pod metadata of the fleet's namespace only: the collector tails no other namespace's logs."));
    docs.add(Document.of(MonitoringParts.bind(fleet, reader, labels, ns, NAME)));
    docs.add(Document.of(new ConfigMapBuilder().withMetadata(Labels.meta(ns, NAME, labels))
        .withData(Map.of("fluent-bit.conf", config, "parsers.conf", parsers())).build(),
        "Tails /var/log/containers/*_" + fleet.namespace() + "_*.log (CRI or Docker lines), parses each agent's JSON\n"
            + "line into fields (parser agent-json; other lines stay text), adds pod labels, ships to " + l.sink() + " at " + l.url() + "."));
    docs.add(Document.of(new DaemonSetBuilder()
        .withMetadata(Labels.meta(ns, NAME, labels))
        .withNewSpec()
        .withRevisionHistoryLimit(3)
        .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(NAME, NAME)).build())
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of("agentfleet.io/config-checksum", MonitoringParts.checksum(config, parsers())))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(NAME)
        .withAutomountServiceAccountToken(true)
        .withEnableServiceLinks(false)
        .withPriorityClassName(fleet.prioritiesUsed().isEmpty() ? null
            : fleet.priorityClassName(fleet.prioritiesUsed().last()))
        .addNewToleration().withOperator("Exists").endToleration()
        .withNewSecurityContext()
        .withRunAsUser(0L).withRunAsGroup(0L).withRunAsNonRoot(false)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(NAME)
        .withImage(l.image())
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withResources(MonitoringParts.resources(io.agentfleet.model.Monitoring.LOG_SHIPPER_RESOURCES))
        .withLivenessProbe(AgentPods.httpProbe("/", "http", 20, 3))
        .withReadinessProbe(AgentPods.httpProbe("/api/v1/health", "http", 10, 3))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withPrivileged(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount().withName("varlog").withMountPath("/var/log").withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("state").withMountPath("/var/lib/fluent-bit").endVolumeMount()
        .addNewVolumeMount().withName("config").withMountPath("/fluent-bit/etc").withReadOnly(true).endVolumeMount()
        .endContainer()
        .addNewVolume().withName("varlog").withNewHostPath().withPath("/var/log").withType("Directory").endHostPath()
        .endVolume()
        .addNewVolume().withName("state").withNewHostPath().withPath("/var/lib/fluent-bit")
        .withType("DirectoryOrCreate").endHostPath().endVolume()
        .addNewVolume().withName("config").withNewConfigMap().withName(NAME).endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build(),
        "The least a node-level log reader needs: /var/log read-only, its own state directory (read positions,\n"
            + "buffered chunks) so nothing is lost or sent twice across restarts. User 0 because the kubelet writes\n"
            + "the log files as root with mode 0640; every capability is dropped, so root here cannot bypass file\n"
            + "permissions, load modules or escalate. No hostNetwork, no hostPID, not privileged. Tolerates every\n"
            + "taint so that agents on any node are covered. Its priority is the fleet's highest class: the\n"
            + "system-* classes are reserved for the cluster's own components, and clusters may limit them to\n"
            + "kube-system with a ResourceQuota scoped to those classes."));
    return docs;
  }
}
