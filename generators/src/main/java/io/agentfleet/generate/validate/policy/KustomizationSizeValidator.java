package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.kit.Shards;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.GitOps;
import io.agentfleet.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many objects each kustomization of the tree applies (the files beside its {@code kustomization.yaml}), at most
 * {@link TreeFacts#MAX_UNIT_OBJECTS} (why: there). With a fleet, the problem says what in fleet.yaml to change.
 */
public final class KustomizationSizeValidator implements TreeValidator {
  private static final int MAX_OBJECTS = TreeFacts.MAX_UNIT_OBJECTS;
  /** The part of the limit a shard is planned to fill: hashing sub-agents into shards does not make them equal. */
  private static final double SHARD_FILL = 0.8;
  private static final String FILE = "kustomization.yaml";

  @Override
  public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
    return check(tree, Optional.empty());
  }

  @Override
  public List<Problem> validate(RenderedTree tree, Fleet fleet, PlatformPlan plan) {
    return check(tree, Optional.of(fleet));
  }

  private static List<Problem> check(RenderedTree tree, Optional<Fleet> fleet) {
    // Objects of the files directly in each folder that holds a kustomization, and of each top-level folder.
    Map<String, Integer> objects = new TreeMap<>();
    Map<String, Integer> topLevel = new TreeMap<>();
    tree.paths().forEach(path -> {
      if (path.equals(FILE) || path.endsWith("/" + FILE)) {
        objects.put(folderOf(path), 0);
      }
    });
    for (Map.Entry<String, List<JsonNode>> e : tree.documents().entrySet()) {
      String folder = folderOf(e.getKey());
      objects.computeIfPresent(folder, (k, n) -> n + e.getValue().size());
      topLevel.merge(topOf(folder), e.getValue().size(), Integer::sum);
    }
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> e : objects.entrySet()) {
      if (e.getValue() > MAX_OBJECTS) {
        String folder = e.getKey().isEmpty() ? "." : e.getKey();
        problems.add(new Problem((e.getKey().isEmpty() ? "" : e.getKey() + "/") + FILE, e.getValue()
            + " objects in one kustomization, more than " + MAX_OBJECTS + ": one Argo CD Application could not record"
            + " them in its status (etcd stores an object of at most 1.5 MiB; argoproj/argo-cd#14486), and kustomize"
            + " build, which Argo CD, Flux and migration/deploy.sh run, slows with the square of a kustomization's"
            + " objects (kubernetes-sigs/kustomize#5084)"
            + remedy(folder, fleet, topLevel.getOrDefault(topOf(folder), 0))));
      }
    }
    return problems;
  }

  private static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String topOf(String folder) {
    int slash = folder.indexOf('/');
    return slash < 0 ? folder : folder.substring(0, slash);
  }

  /** What to change: the shards of a folder fleet.yaml shares out (as many as its objects need), else the fleet. */
  private static String remedy(String folder, Optional<Fleet> fleet, int folderObjects) {
    if (fleet.isEmpty()) {
      return "; split " + folder + "/ into subfolders of its own kustomization each";
    }
    Optional<String> field = Shards.field(topOf(folder));
    if (field.isEmpty()) {
      return "; split the fleet into several fleet.yaml files, each with its own namespace and gitops.path";
    }
    int now = Shards.count(fleet.get(), topOf(folder));
    int shards = Math.max(now + 1, (int) Math.ceil(folderObjects / (MAX_OBJECTS * SHARD_FILL)));
    return shards > GitOps.MAX_SHARDS
        ? "; the " + folderObjects + " objects of " + topOf(folder) + "/ need more than the " + GitOps.MAX_SHARDS
            + " shards " + field.get() + " allows: split the fleet into several fleet.yaml files"
        : "; set " + field.get() + " in fleet.yaml to " + shards + " or more (now " + now + "; about "
            + (folderObjects + shards - 1) / shards + " objects each)";
  }
}
