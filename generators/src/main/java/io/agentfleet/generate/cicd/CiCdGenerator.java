package io.agentfleet.generate.cicd;

import io.agentfleet.generate.inspect.FolderGraph;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.GitOps;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ci-cd/}: Argo CD and Flux wiring for the folders the tree holds, in the order of {@link FolderGraph}, the
 * pull-request workflow, and a README for the reviewer. Argo CD and Flux objects need {@code gitops.repository};
 * without it only the workflow and the README are written.
 */
public final class CiCdGenerator implements TreeGenerator {
  @Override
  public String folder() {
    return "ci-cd";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
    TreeFacts facts = TreeFacts.of(tree);
    GitOps g = fleet.gitops();
    String path = g.pathFor(profile);
    FolderGraph argoGraph = FolderGraph.of(facts, plan, g.argocd().installOperators());
    FolderGraph fluxGraph = FolderGraph.of(facts, plan, true);
    List<ManifestFile> files = new ArrayList<>();
    boolean argo = g.repository().isPresent() && g.argocd().enabled();
    boolean flux = g.repository().isPresent() && g.flux().enabled();
    if (argo) {
      files.add(ManifestFile.yaml("ci-cd/argocd.yaml", ArgoCdWiring.documents(fleet, plan, facts, argoGraph, path)));
      files.add(ManifestFile.yaml("ci-cd/argocd-cm.yaml", ArgoCdSettings.documents(fleet)));
      if (!argoGraph.operators().isEmpty()) {
        files.add(ManifestFile.yaml("ci-cd/" + ArgoCdWiring.OPERATORS_FILE,
            ArgoCdWiring.operators(fleet, plan, argoGraph)));
      }
    }
    if (flux) {
      files.add(ManifestFile.yaml("ci-cd/flux.yaml", FluxWiring.documents(fleet, facts, fluxGraph, path)));
    }
    files.add(ManifestFile.text("ci-cd/github-actions.yaml", Workflow.text(fleet, path, profile)));
    files.add(ManifestFile.text(Workflow.AGENTS_FILE, Workflow.agents(fleet)));
    files.add(ManifestFile.text("ci-cd/README.md",
        CiCdReadme.text(fleet, facts, argoGraph, fluxGraph, path, argo, flux)));
    return files;
  }
}
