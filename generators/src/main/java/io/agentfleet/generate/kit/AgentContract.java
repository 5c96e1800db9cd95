package io.agentfleet.generate.kit;

/**
 * What an agent image must provide to run in the tree, in one place: user id, ports, health and metrics endpoints,
 * writable paths. Generators use these values and the tree's README documents them.
 */
public final class AgentContract {
  private AgentContract() {}

  /** Numeric non-root user and group the agent runs as; the kubelet can only prove non-root for a numeric id. */
  public static final long USER_ID = 1000;

  /** HTTP port of the agent's API and health endpoints. */
  public static final int HTTP_PORT = io.agentfleet.model.Defaults.AGENT_HTTP_PORT;

  /** Port serving Prometheus metrics at {@link #METRICS_PATH}. */
  public static final int METRICS_PORT = io.agentfleet.model.Defaults.AGENT_METRICS_PORT;

  public static final String METRICS_PATH = "/metrics";

  /** Answers 200 while the process is alive; a failure restarts the container. */
  public static final String LIVENESS_PATH = "/healthz";

  /** Answers 200 when the agent can take work (API key loaded, workspace ready). */
  public static final String READINESS_PATH = "/readyz";

  /**
   * Counter of Claude API requests the agent made; its per-pod rate is the autoscaling metric
   * {@link #REQUESTS_PER_SECOND_METRIC}.
   */
  public static final String REQUESTS_COUNTER = "claude_api_requests_total";

  /**
   * Gauge of tasks an agent delegated and that are not yet accepted, labelled with the target workload: KEDA wakes a
   * sub-agent scaled to zero on it.
   */
  public static final String DELEGATIONS_PENDING_METRIC = "agent_delegations_pending";

  /** The per-pod custom metric (custom.metrics.k8s.io) the HPA reads, served by a metrics adapter. */
  public static final String REQUESTS_PER_SECOND_METRIC = "claude_api_requests_per_second";

  /** Writable paths under a read-only root filesystem: each an emptyDir (or the worker's volume). */
  public static final String HOME = "/home/agent";

  public static final String TMP = "/tmp";

  public static final String WORKSPACE = "/workspace";

  /** Where the agent-discovery ConfigMap is mounted. */
  public static final String DISCOVERY_DIR = "/etc/agentfleet";

  /** The discovery file's key in the ConfigMap and name in {@link #DISCOVERY_DIR}. */
  public static final String DISCOVERY_FILE = "discovery.yaml";

  /** Name of the agent-discovery ConfigMap. */
  public static final String DISCOVERY_CONFIGMAP = "agent-discovery";

  /** Seconds an agent gets to finish its current step after SIGTERM before it is killed. */
  public static final long TERMINATION_GRACE_SECONDS = 120;
}
