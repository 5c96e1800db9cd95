package io.agentfleet.generate.agents;

import io.agentfleet.generate.kit.Shards;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code agents/<prefix>-<id>.yaml}: one file per standard agent holding everything that belongs to it — its
 * Claude Code worker with a persistent workspace, its frontend and backend, their service accounts, settings,
 * disruption budgets, optional ingress and the network policies that keep it apart from every other agent; under
 * {@code agents/shard-<n>/} when the fleet shares its agents out among several Applications ({@link Shards}).
 */
public final class AgentGenerator implements Generator {
  @Override
  public String folder() {
    return Shards.AGENTS;
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    List<ManifestFile> files = new ArrayList<>();
    for (Agent agent : fleet.agents()) {
      files.add(ManifestFile.yaml(Shards.path(fleet, agent), documents(fleet, agent)));
    }
    return files;
  }

  static List<Document> documents(Fleet fleet, Agent agent) {
    AgentParts parts = new AgentParts(fleet, agent);
    List<Document> docs = new ArrayList<>();
    docs.addAll(parts.serviceAccounts());
    docs.addAll(parts.secrets());
    docs.addAll(parts.worker());
    agent.frontend().ifPresent(c -> docs.addAll(parts.frontend(c)));
    agent.backend().ifPresent(c -> docs.addAll(parts.backend(c)));
    docs.addAll(AgentNetwork.policies(fleet, agent));
    return docs;
  }
}
