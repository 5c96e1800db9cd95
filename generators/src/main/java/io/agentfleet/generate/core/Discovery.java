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
import java.util.Map;

/** The agent-discovery ConfigMap: every agent and sub-agent with its role and endpoints, mounted into agent pods. */
final class Discovery {
  private Discovery() {}

  static Document configMap(Fleet fleet) {
    return Document.of(new ConfigMapBuilder()
        .withMetadata(Labels.meta(fleet, AgentContract.DISCOVERY_CONFIGMAP, Labels.common(fleet)))
        .withData(Map.of(AgentContract.DISCOVERY_FILE, YamlRenderer.toYaml(content(fleet))))
        .build(),
        "Mounted at " + AgentContract.DISCOVERY_DIR + "/" + AgentContract.DISCOVERY_FILE
            + " in every agent pod: who is in the fleet and where to reach them.");
  }

  static ObjectNode content(Fleet fleet) {
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
    for (SubAgent s : fleet.subAgents()) {
      ObjectNode n = subAgents.addObject();
      n.put("id", s.id());
      n.put("role", s.role().toString());
      n.put("title", s.role().title());
      n.put("priority", s.priority().toString());
      n.put("replicas", s.scaling().minReplicas() + ".." + s.scaling().maxReplicas());
      n.put("endpoint", url(fleet, s.name(), AgentContract.HTTP_PORT));
    }
    return root;
  }

  private static String url(Fleet fleet, String service, int port) {
    return "http://" + service + "." + fleet.namespace() + ".svc:" + port;
  }
}
