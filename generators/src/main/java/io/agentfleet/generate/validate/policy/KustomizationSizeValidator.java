package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.TreeFacts;
import io.agentfleet.generate.kit.SubAgentShards;
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
    // Objects of the files directly in each folder that holds a kustomization.
    Map<String, Integer> objects = new TreeMap<>();
    tree.paths().forEach(path -> {
      if (path.equals(FILE) || path.endsWith("/" + FILE)) {
        objects.put(folderOf(path), 0);
      }
    });
    int subAgents = 0;
    for (Map.Entry<String, List<JsonNode>> e : tree.documents().entrySet()) {
      String folder = folderOf(e.getKey());
      objects.computeIfPresent(folder, (k, n) -> n + e.getValue().size());
      if (folder.equals(SubAgentShards.FOLDER) || folder.startsWith(SubAgentShards.FOLDER + "/")) {
        subAgents += e.getValue().size();
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> e : objects.entrySet()) {
      if (e.getValue() > MAX_OBJECTS) {
        String folder = e.getKey().isEmpty() ? "." : e.getKey();
        problems.add(new Problem((e.getKey().isEmpty() ? "" : e.getKey() + "/") + FILE, e.getValue()
            + " objects in one kustomization, more than " + MAX_OBJECTS + ": one Argo CD Application could not record"
            + " them in its status (etcd stores an object of at most 1.5 MiB; argoproj/argo-cd#14486), and kustomize"
            + " build, which Argo CD, Flux and migration/deploy.sh run, slows with the square of a kustomization's"
            + " objects (kubernetes-sigs/kustomize#5084)" + remedy(folder, fleet, subAgents)));
      }
    }
    return problems;
  }

  private static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String remedy(String folder, Optional<Fleet> fleet, int subAgentObjects) {
    if (fleet.isEmpty()) {
      return "; split " + folder + "/ into subfolders of its own kustomization each";
    }
    if (folder.equals(SubAgentShards.FOLDER) || folder.startsWith(SubAgentShards.FOLDER + "/")) {
      int now = fleet.get().gitops().subAgentShards();
      int shards = Math.max(now + 1, (int) Math.ceil(subAgentObjects / (MAX_OBJECTS * SHARD_FILL)));
      return shards > GitOps.MAX_SUB_AGENT_SHARDS
          ? "; the fleet's " + subAgentObjects + " sub-agent objects need more than the " + GitOps.MAX_SUB_AGENT_SHARDS
              + " shards gitops.subAgentShards allows: split the fleet into several fleet.yaml files"
          : "; set gitops.subAgentShards in fleet.yaml to " + shards + " or more (now " + now + "; about "
              + (subAgentObjects + shards - 1) / shards + " objects each)";
    }
    return "; split the fleet into several fleet.yaml files, each with its own namespace and gitops.path";
  }
}
