package io.agentfleet.generate.cicd;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code ci-cd/argocd-cm.yaml}: the two settings of Argo CD's own ConfigMap the waves and the labels rely on. */
final class ArgoCdSettings {
  /** The Lua that gives Applications a health again (removed in Argo CD 1.8, argo-cd #3781). */
  static final String APPLICATION_HEALTH_LUA = """
      hs = {}
      hs.status = "Progressing"
      hs.message = ""
      if obj.status ~= nil then
        if obj.status.health ~= nil then
          hs.status = obj.status.health.status
          if obj.status.health.message ~= nil then
            hs.message = obj.status.health.message
          end
        end
      end
      return hs
      """;

  private ArgoCdSettings() {}

  /** {@code ci-cd/argocd-cm.yaml}: only the keys the wiring needs, to be merged into Argo CD's own ConfigMap. */
  static List<Document> documents(Fleet fleet) {
    Map<String, String> data = new TreeMap<>();
    data.put("resource.customizations.health.argoproj.io_Application", APPLICATION_HEALTH_LUA);
    data.put("application.resourceTrackingMethod", "annotation");
    SortedMap<String, String> labels = Labels.shared(fleet);
    labels.put("app.kubernetes.io/part-of", "argocd");
    HasMetadata cm = new ConfigMapBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("argocd-cm").withNamespace(fleet.gitops().argocd().namespace())
            .withLabels(labels).build())
        .withData(data).build();
    return List.of(Document.of(cm, """
        Two settings of Argo CD's own ConfigMap, to merge into it (server-side apply owns only these keys):
        `kubectl apply --server-side --field-manager=agentfleet -f ci-cd/argocd-cm.yaml`. No Application syncs
        this file, so Argo CD never fights its installer over argocd-cm.
        - The Application health check: Argo CD 1.8 removed it (argo-cd #3781), and without it the app-of-apps
          does not wait for one wave of Applications to be Healthy before the next: the waves would not gate.
        - Annotation tracking: with label tracking (the default before Argo CD 3.0) Argo CD overwrites each
          object's app.kubernetes.io/instance label, which the tree's selectors use."""));
  }
}
