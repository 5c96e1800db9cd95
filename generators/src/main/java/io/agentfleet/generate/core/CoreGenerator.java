package io.agentfleet.generate.core;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code core/}: what every other folder stands on: the namespace with its Pod Security level, quota and limits,
 * priority classes, service accounts and RBAC, agent discovery, secret templates and the network baseline.
 */
public final class CoreGenerator implements Generator {
  @Override
  public String folder() {
    return "core";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    List<ManifestFile> files = new ArrayList<>();
    List<Document> namespace = new ArrayList<>();
    NamespaceResources.namespace(fleet)
        .ifPresent(ns -> namespace.add(Document.of(ns, NamespaceResources.namespaceComment())));
    namespace.add(Document.of(NamespaceResources.quota(fleet), NamespaceResources.quotaComment(fleet)));
    namespace.add(Document.of(NamespaceResources.limitRange(fleet), NamespaceResources.limitRangeComment()));
    files.add(ManifestFile.yaml("core/namespace.yaml", namespace));
    files.add(ManifestFile.yaml("core/priority-classes.yaml", PriorityClasses.documents(fleet)));
    files.add(ManifestFile.yaml("core/rbac.yaml", Rbac.documents(fleet)));
    files.add(ManifestFile.yaml("core/configmap.yaml", List.of(Discovery.configMap(fleet))));
    Secrets.documents(fleet).ifPresent(docs -> files.add(ManifestFile.yaml("core/secrets.yaml", docs)));
    files.add(ManifestFile.yaml("core/network-policies.yaml", NetworkBaseline.documents(fleet)));
    return files;
  }
}
