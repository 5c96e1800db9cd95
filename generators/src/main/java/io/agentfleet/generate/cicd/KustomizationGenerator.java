package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code kustomization.yaml} in every folder that holds objects, listing its files, so that
 * {@code kubectl apply -k <folder>}, Flux's Kustomizations and Argo CD all read a folder the same way (and never
 * pick up its README). Derived from the tree: a folder another engineer adds gets one too.
 */
public final class KustomizationGenerator implements TreeGenerator {
  public static final String FILE = "kustomization.yaml";

  @Override
  public String folder() {
    return "";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
    TreeFacts facts = TreeFacts.of(tree);
    List<ManifestFile> out = new ArrayList<>();
    for (String folder : facts.folders()) {
      List<TreeFacts.Unit> units = facts.units(folder);
      if (units.get(0).part().isEmpty()) {
        out.add(ManifestFile.text(folder + "/" + FILE, kustomization(facts.files(folder))));
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (TreeFacts.Unit u : units) {
        parts.add(u.part());
        out.add(ManifestFile.text(u.path() + "/" + FILE, kustomization(facts.files(u))));
      }
      out.add(ManifestFile.text(folder + "/" + FILE, YamlRenderer.HEADER
          + "# The parts of this folder, each a kustomization of its own that one Argo CD Application or Flux\n"
          + "# Kustomization applies; `kubectl apply -k` on this folder applies them all.\n"
          + YamlRenderer.toYaml(resources(parts))));
    }
    return out;
  }

  /** The text of one kustomization: header comment, then the file list in path order. */
  static String kustomization(Iterable<String> files) {
    return YamlRenderer.HEADER
        + "# The files of this folder, for `kubectl apply -k`, Flux and Argo CD alike. Labels and namespaces are set\n"
        + "# in the files themselves; this adds nothing to them.\n"
        + YamlRenderer.toYaml(resources(files));
  }

  private static ObjectNode resources(Iterable<String> entries) {
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    var resources = k.putArray("resources");
    entries.forEach(resources::add);
    return k;
  }
}
