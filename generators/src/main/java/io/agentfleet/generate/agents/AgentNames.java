package io.agentfleet.generate.agents;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** Names and labels of a standard agent's parts: {@code <agent>-worker}, {@code <agent>-frontend}, {@code <agent>-backend}. */
public final class AgentNames {
  public static final String WORKER = "worker";
  public static final String FRONTEND = "frontend";
  public static final String BACKEND = "backend";
  /** Label grouping every part of one agent. */
  public static final String AGENT = "agentfleet.io/agent";

  private AgentNames() {}

  /** The parts this agent has, worker first. */
  public static List<String> parts(Agent agent) {
    List<String> parts = new ArrayList<>(List.of(WORKER));
    agent.frontend().ifPresent(c -> parts.add(FRONTEND));
    agent.backend().ifPresent(c -> parts.add(BACKEND));
    return parts;
  }

  /** Object name of a part. */
  public static String name(Agent agent, String part) {
    return io.agentfleet.model.Names.agentPart(agent.name(), part);
  }

  /** {@code app.kubernetes.io/name} of a part: the worker runs Claude Code, the others the agent's application. */
  static String appName(Agent agent, String part) {
    return part.equals(WORKER) ? "claude-code-worker" : agent.name().substring(0, agent.name().length() - agent.id().length() - 1)
        + "-" + part;
  }

  /** Labels of a part's objects. */
  public static SortedMap<String, String> labels(Fleet fleet, Agent agent, String part) {
    SortedMap<String, String> labels = Labels.workload(fleet, appName(agent, part), name(agent, part), part);
    labels.put(AGENT, agent.id());
    return labels;
  }

  /** The stable selector of a part's pods. */
  public static SortedMap<String, String> selector(Agent agent, String part) {
    return Labels.selector(appName(agent, part), name(agent, part));
  }
}
