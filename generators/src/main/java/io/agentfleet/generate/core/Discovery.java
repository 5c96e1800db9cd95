package io.agentfleet.generate.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The agent-discovery ConfigMap: every agent and sub-agent with its role and endpoints, mounted into agent pods. */
final class Discovery {
  private Discovery() {}

  static Document configMap(Fleet fleet) {
    return configMaps(fleet).get(0);
  }

  /**
   * The discovery ConfigMaps: one, unless the fleet lists more sub-agents than one file holds
   * ({@link AgentContract#DISCOVERY_SUB_AGENTS_PER_FILE}); then the first names the files that continue the list.
   */
  static List<Document> configMaps(Fleet fleet) {
    int files = AgentContract.discoveryFiles(fleet.subAgents().size());
    List<Document> docs = new ArrayList<>();
    ObjectNode first = content(fleet, fleet.subAgents().subList(0, Math.min(fleet.subAgents().size(),
        AgentContract.DISCOVERY_SUB_AGENTS_PER_FILE)));
    if (files > 1) {
      ArrayNode more = first.putArray("continuedIn");
      for (int page = 2; page <= files; page++) {
        more.add(AgentContract.discoveryFile(page));
      }
    }
    docs.add(Document.of(new ConfigMapBuilder()
        .withMetadata(Labels.meta(fleet, AgentContract.DISCOVERY_CONFIGMAP, Labels.common(fleet)))
        .withData(Map.of(AgentContract.DISCOVERY_FILE, YamlRenderer.toYaml(first)))
        .build(),
        "Mounted at " + AgentContract.DISCOVERY_DIR + "/" + AgentContract.DISCOVERY_FILE
            + " in every agent pod: who is in the fleet and where to reach them."));
    for (int page = 2; page <= files; page++) {
      int from = (page - 1) * AgentContract.DISCOVERY_SUB_AGENTS_PER_FILE;
      ObjectNode part = JsonNodeFactory.instance.objectNode();
      ArrayNode subAgents = part.putArray("subAgents");
      fleet.subAgents().subList(from, Math.min(fleet.subAgents().size(), from + AgentContract.DISCOVERY_SUB_AGENTS_PER_FILE))
          .forEach(s -> subAgent(fleet, s, subAgents.addObject()));
      docs.add(Document.of(new ConfigMapBuilder()
          .withMetadata(Labels.meta(fleet, AgentContract.discoveryConfigMap(page), Labels.common(fleet)))
          .withData(Map.of(AgentContract.discoveryFile(page), YamlRenderer.toYaml(part)))
          .build(),
          "Mounted beside " + AgentContract.DISCOVERY_FILE + ": more sub-agents of the fleet, split off because a"
              + " ConfigMap holds at most 1 MiB."));
    }
    return docs;
  }

  static ObjectNode content(Fleet fleet) {
    return content(fleet, fleet.subAgents());
  }

  private static ObjectNode content(Fleet fleet, List<SubAgent> listed) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("fleet", fleet.name());
    root.put("namespace", fleet.namespace());
    ArrayNode agents = root.putArray("agents");
    for (Agent a : fleet.agents()) {
      ObjectNode n = agents.addObject();
      n.put("id", a.id());
      n.put("name", a.name());
      n.put("database", a.database());
      a.frontend().ifPresent(c -> n.put("frontend", url(fleet, a.name() + "-frontend", c.port())));
      a.backend().ifPresent(c -> n.put("backend", url(fleet, a.name() + "-backend", c.port())));
      a.worker().repository().ifPresent(r -> n.put("repository", r));
    }
    ArrayNode subAgents = root.putArray("subAgents");
    for (SubAgent s : listed) {
      subAgent(fleet, s, subAgents.addObject());
    }
    return root;
  }

  private static void subAgent(Fleet fleet, SubAgent s, ObjectNode n) {
    {
      n.put("id", s.id());
      n.put("role", s.role().toString());
      n.put("title", s.role().title());
      n.put("priority", s.priority().toString());
      n.put("replicas", s.scaling().minReplicas() + ".." + s.scaling().maxReplicas());
      n.put("endpoint", url(fleet, s.name(), AgentContract.HTTP_PORT));
    }
  }

  private static String url(Fleet fleet, String service, int port) {
    return "http://" + service + "." + fleet.namespace() + ".svc:" + port;
  }
}
