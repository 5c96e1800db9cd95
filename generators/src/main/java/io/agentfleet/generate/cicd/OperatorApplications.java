package io.agentfleet.generate.cicd;

import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Application per operator the tree needs: its pinned chart with the values the platform plan gives it. */
final class OperatorApplications {
  private OperatorApplications() {}

  static Document of(Fleet fleet, PlatformPlan plan, FolderGraph graph, Operator op) {
    Map<String, Object> helm = new LinkedHashMap<>();
    helm.put("releaseName", op.id());
    Map<String, Object> values = plan.helmValues(op);
    if (!values.isEmpty()) {
      helm.put("valuesObject", values);
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", op.repoUrl());
    source.put("chart", op.chart());
    source.put("targetRevision", op.version());
    source.put("helm", helm);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", ArgoCdWiring.operatorsProject(fleet));
    spec.put("source", source);
    spec.put("destination", Map.of("server", ArgoCdWiring.IN_CLUSTER, "namespace", op.namespace()));
    spec.put("syncPolicy", ArgoCdWiring.syncPolicy(true, false, true));
    int wave = graph.node(op.id()).orElseThrow().wave();
    List<String> users = new ArrayList<>();
    graph.folders().stream().filter(n -> n.needs().contains(op.id())).forEach(n -> users.add(n.name() + "/"));
    graph.operators().stream().filter(o -> o.needs().contains(op.id())).forEach(o -> users.add(o.id()));
    return Document.of(ArgoCdWiring.resource("Application", ArgoCdWiring.sharedMeta(fleet, op.id(), Map.of(ArgoCdWiring.WAVE, Integer.toString(wave))), spec),
        op.title() + ", chart " + op.chart() + " " + op.version() + " (pinned; upgrading is a reviewed change), wave "
            + wave + ".\nVersion verified at " + op.verifiedAt() + ".\nNeeded by " + String.join(", ", users) + ". Server-side apply: operator CRDs can exceed the 256 KiB "
            + "annotation limit\nof client-side apply. Set gitops.argocd.installOperators: false when the cluster "
            + "already runs it." + op.note());
  }
}
