package io.agentfleet.model;

import java.math.BigDecimal;

/**
 * The documented defaults the resolver fills in, each with the reason it was chosen. The seed fleet's numbers
 * (scaling at 70 % CPU, 80 % memory and 10 Claude API requests per second per pod) are the defaults here.
 */
public final class Defaults {
  private Defaults() {}

  /** Kubernetes minor version targeted and validated against unless the fleet says otherwise. */
  public static final String KUBERNETES_VERSION = "1.34";

  /** Prefix of standard agents' workload names: {@code agent-a2}. The booking example sets {@code booking-agent}. */
  public static final String AGENT_PREFIX = "agent";

  /** Prefix of sub-agents' workload names: sub-agent {@code s1} runs as {@code claude-sub-agent-s1}. */
  public static final String SUB_AGENT_PREFIX = "claude-sub-agent";

  /**
   * Scale up when average CPU passes 70 % of the request: new pods take a while to start, and the 30 % left (plus the
   * limit above the request) absorbs the load meanwhile.
   */
  public static final int CPU_TARGET_PERCENT = 70;

  /**
   * Scale up when average memory passes 80 % of the request: the memory limit equals the request, so pods are added
   * before any reaches it.
   */
  public static final int MEMORY_TARGET_PERCENT = 80;

  /** Scale up past 10 Claude API requests per second per pod: a starting point; tune it to your API rate limit. */
  public static final Quantity REQUESTS_PER_SECOND = Quantity.parse("10");

  /**
   * Wait five minutes of low load before removing replicas. This and {@link #SCALE_DOWN_PODS_PER_MINUTE} stand
   * in for a lower scale-down threshold: an HPA has a single target per metric, so scaling down is made slow and
   * stabilised rather than given a second number.
   */
  public static final Span SCALE_DOWN_AFTER = Span.parse("5m");

  /** Remove at most one pod per minute: an agent being removed may be in the middle of a task. */
  public static final int SCALE_DOWN_PODS_PER_MINUTE = 1;

  /**
   * No PriorityClass of the fleet preempts, {@code high} included ({@code preemptionPolicy: Never}): a class only
   * orders the scheduling queue, so a pending high pod takes the next free room before medium and low ones.
   * Preempting would evict whatever has a lower priority: in a shared cluster every pod without a class (priority
   * 0, other teams' work) and the fleet's own medium and low agents in the middle of a task, whose work is lost
   * (agents do not checkpoint). Room is planned instead: the quota holds the fleet at full scale and a stated
   * {@code cluster:} capacity is checked against it. The database holds the highest class the fleet defines, so
   * it is the last of the fleet's pods a preempting pod from elsewhere would choose, never the first.
   */
  public static final boolean PRIORITY_PREEMPTS = false;

  /** Scale with a plain HPA: it needs no add-on beyond a custom-metrics adapter. */
  public static final Autoscaler AUTOSCALER = Autoscaler.HPA;

  /** Scratch workspace of a sub-agent (an emptyDir size limit): room for a checkout and its build. */
  public static final Quantity SUB_AGENT_WORKSPACE = Quantity.parse("10Gi");

  /** Persistent workspace of a standard agent's worker: the checkout outlives pod restarts. */
  public static final Quantity WORKER_WORKSPACE = Quantity.parse("20Gi");

  /** A Claude Code worker mostly waits on the API; one core and 2Gi hold a checkout, a language server and git. */
  public static final Compute WORKER_REQUESTS = Compute.of("1", "2Gi");

  /** A Next.js server for one developer's traffic. */
  public static final Compute FRONTEND_REQUESTS = Compute.of("100m", "256Mi");

  /** An ASP.NET API for one developer's traffic; .NET's GC sizes its heap from the memory limit. */
  public static final Compute BACKEND_REQUESTS = Compute.of("250m", "512Mi");

  /** Next.js listens on 3000. */
  public static final int FRONTEND_PORT = 3000;

  /** ASP.NET Core images since .NET 8 listen on 8080 (non-root cannot bind 80). */
  public static final int BACKEND_PORT = 8080;

  /** Next.js answers on / once the server is up; images should serve a cheaper route and say so in fleet.yaml. */
  public static final String FRONTEND_HEALTH_PATH = "/";

  /** The conventional ASP.NET Core health-check route ({@code app.MapHealthChecks("/healthz")}). */
  public static final String BACKEND_HEALTH_PATH = "/healthz";

  /** The {@code nextjs} user of the Next.js Docker example. */
  public static final long FRONTEND_USER = 1001;

  /** The {@code app} user (UID 1654) of .NET 8+ images, which otherwise run as root. */
  public static final long BACKEND_USER = 1654;

  /** Port of the agent contract's HTTP API and health endpoints. */
  public static final int AGENT_HTTP_PORT = 8080;

  /** Port of the agent contract's Prometheus metrics. */
  public static final int AGENT_METRICS_PORT = 9090;

  /** CPU limit as a multiple of the request: bursts (builds, tests) may use twice the reserved CPU. */
  public static final BigDecimal CPU_LIMIT_FACTOR = BigDecimal.valueOf(2);

  /**
   * Memory limit equal to the request: memory cannot be reclaimed once used, so a pod that could grow past its
   * request risks the node; scaling on 80 % of the request adds pods before the limit is reached.
   */
  public static final BigDecimal MEMORY_LIMIT_FACTOR = BigDecimal.ONE;

  /** The limit that goes with a request when none is written. */
  public static Quantity limitFor(Quantity request, boolean cpu) {
    Quantity limit = request.times(cpu ? CPU_LIMIT_FACTOR : MEMORY_LIMIT_FACTOR);
    return cpu ? Quantity.cores(limit.amount()) : Quantity.bytes(limit.amount());
  }

  /**
   * The namespace quota is the fleet at full scale (every workload at its maximum replicas plus one rolling-update
   * surge pod per Deployment) plus 20 % on every dimension. A quota that exactly fits leaves nothing for what a
   * healthy fleet still does at full scale: a database instance replaced while the old one's volume is still
   * claimed, a PVC expanded, a restore Job or a {@code kubectl debug} pod, pods replaced while the old ones are still
   * terminating (they count against the quota until they are gone), and the next backup Job. Twenty percent covers
   * one such event for the largest workloads of a fleet of a few agents and a handful of sub-agents, and the count
   * dimensions round up, so even a small fleet keeps at least one spare pod and claim. Set {@code quota.headroom: 0%}
   * to accept a quota with no margin.
   */
  public static final Percent QUOTA_HEADROOM = Percent.of(20);

  /** Pods per node unless {@code cluster.node.pods} says otherwise: the kubelet's default {@code maxPods}. */
  public static final int NODE_PODS = 110;

  /**
   * A fleet whose sub-agents at maximum scale would exceed {@code claude.limits} is refused: a budget is never
   * exceeded or silently enforced; {@code claude.overBudget: cap} lowers the maxima instead.
   */
  public static final OverBudget OVER_BUDGET = OverBudget.REFUSE;

  /**
   * With {@code claude.limits.tokensPerDay} stated, the token alert fires at 90 % of it (the default of
   * {@code monitoring.alerts.tokensPerDay}): the fleet is warned before the organisation's daily limit refuses calls.
   */
  public static final Percent TOKEN_ALERT_OF_LIMIT = Percent.of(90);

  /** CloudNativePG by default: an operator does replication, failover and backups; a StatefulSet cannot. */
  public static final DatabaseMode DATABASE_MODE = DatabaseMode.CLOUDNATIVE_PG;

  /** Three instances: a primary and two replicas, so that one can fail while another is being replaced. */
  public static final int DATABASE_INSTANCES = 3;

  /** Volume of each PostgreSQL instance: three agents' development databases with room for WAL. */
  public static final Quantity DATABASE_STORAGE = Quantity.parse("50Gi");

  /** CloudNativePG's own operand image, pinned (the operator's default changes with its version). */
  public static final String DATABASE_IMAGE_CLOUDNATIVE_PG = "ghcr.io/cloudnative-pg/postgresql:17.5";

  /** The Docker official image (user postgres, uid 999), pinned; fully qualified so no registry is prefixed. */
  public static final String DATABASE_IMAGE_STATEFULSET = "docker.io/library/postgres:17.5-bookworm";

  /**
   * The metrics exporter beside each PostgreSQL instance in statefulset mode (CloudNativePG has its own), pinned.
   * Verified in prometheus-community/postgres_exporter: tag v0.20.1 (commit of July 2026), published by its CI to
   * quay.io organisation prometheuscommunity as postgres-exporter (Makefile DOCKER_IMAGE_NAME, .github/workflows).
   */
  public static final String POSTGRES_EXPORTER_IMAGE = "quay.io/prometheuscommunity/postgres-exporter:v0.20.1";

  /** A development database per agent: half a core and 1Gi hold shared buffers and a few connections each. */
  public static final Compute DATABASE_REQUESTS = Compute.of("500m", "1Gi");

  /** Dumps and the physical backup every night at 02:00 UTC, a fixed quiet hour; set one that suits your time zone. */
  public static final String BACKUP_SCHEDULE = "0 2 * * *";

  /** Two weeks of backups: long enough to notice a bad migration after a holiday. */
  public static final Span BACKUP_RETAIN = Span.parse("14d");
}
