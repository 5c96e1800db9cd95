package io.agentfleet.generate.docs;

import io.agentfleet.generate.inspect.ConnectionMatrix;
import io.agentfleet.generate.inspect.NetworkModel;
import io.agentfleet.generate.kit.AgentContract;
import io.agentfleet.generate.kit.Shards;
import io.agentfleet.generate.kit.Template;
import io.agentfleet.generate.platform.Operator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.model.Agent;
import io.agentfleet.model.ApiAccess;
import io.agentfleet.model.Capacity;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SecretsProvider;
import io.agentfleet.model.SubAgent;
import io.agentfleet.model.plan.Alike;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code README.md} at the root of the tree: what the tree holds, what the cluster must provide, which secrets to
 * create, how scaling works and what an agent image must do. Written for the reviewer of a pull request.
 */
public final class DocsGenerator implements TreeGenerator {
  /** What each folder holds, in the order the tree is applied. */
  private static final Map<String, String> FOLDERS = folders();
  /** What an agent's parts are and what the frontend and backend images must do. */
  private static final Template AGENT_PARTS = Template.of(DocsGenerator.class, "agent-parts.md.tmpl");
  /** How the HPAs and VPAs scale, and why there is no separate scale-down threshold. */
  private static final Template SCALING = Template.of(DocsGenerator.class, "scaling.md.tmpl");
  /** Why no Namespace of the tree is ever pruned or deleted with its Application. */
  private static final Template NAMESPACES = Template.of(DocsGenerator.class, "namespaces.md.tmpl");

  @Override
  public String folder() {
    return "";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile) {
    return List.of(ManifestFile.text("README.md", readme(fleet, plan, tree)));
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree,
      io.agentfleet.generate.spi.Profile profile) {
    String readme = readme(fleet, plan, tree);
    String env = fleet.labels().get(io.agentfleet.generate.kit.Labels.ENVIRONMENT);
    if (env != null) {
      // The environment right under the title: a reader must never mistake dev for production.
      int cut = readme.indexOf("\n\n", readme.indexOf("\n# ")) + 2;
      String stated = "Environment: **" + env + "** (preset: " + (profile.describe().isEmpty() ? "none"
          : profile.describe()) + ")." + (env.equals("production") ? ""
          : " Its namespaces and cluster-wide names carry the suffix `-" + env + "`, so that it shares a cluster and an"
          + " Argo CD with the fleet's other environments.") + " Every object is labelled `"
          + io.agentfleet.generate.kit.Labels.ENVIRONMENT + ": " + env + "`.\n\n";
      readme = readme.substring(0, cut) + stated + readme.substring(cut);
    }
    return List.of(ManifestFile.text("README.md", readme));
  }

  private static Map<String, String> folders() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("core", "namespace (Pod Security `restricted` enforced), quota and limits, priority classes, the read-only "
        + "Role and its binding, the agent-discovery ConfigMap, secret templates, the default-deny network baseline");
    f.put("database", "the PostgreSQL cluster, one isolated database and role per agent, backups and `restore.sh`");
    f.put("agents", "one file per standard agent: its Claude Code worker (persistent workspace), frontend and backend "
        + "with their service accounts, settings, services, disruption budgets, optional ingress and network policies");
    f.put("sub-agents", "one file per sub-agent: ServiceAccount, Deployment, Service, autoscaler, "
        + "VerticalPodAutoscaler (recommendations only), PodDisruptionBudget, NetworkPolicy");
    f.put("monitoring", "scraping, recording and alert rules, the custom-metrics adapter rules, Grafana dashboards, "
        + "central logging");
    f.put("ci-cd", "Argo CD (app-of-apps with sync waves) or Flux wiring, and the pull-request workflow");
    f.put("migration", "`deploy.sh` (with `verify`), `rollback.sh`, `docker-to-k8s.sh`");
    return f;
  }

  /** The layout table: every folder the tree holds, linked to its own README where it has one. */
  static String layout(ManifestTree tree) {
    java.util.SortedSet<String> present = new java.util.TreeSet<>();
    tree.files().keySet().forEach(p -> {
      if (p.contains("/")) {
        present.add(p.substring(0, p.indexOf('/')));
      }
    });
    List<String> ordered = new java.util.ArrayList<>(FOLDERS.keySet().stream().filter(present::contains).toList());
    present.stream().filter(f -> !FOLDERS.containsKey(f)).forEach(ordered::add);
    StringBuilder md = new StringBuilder("| folder | holds |\n|---|---|\n");
    for (String folder : ordered) {
      String name = tree.files().containsKey(folder + "/README.md")
          ? "[`" + folder + "/`](" + folder + "/README.md)" : "`" + folder + "/`";
      md.append("| ").append(name).append(" | ").append(FOLDERS.getOrDefault(folder, ""));
      Shards.field(folder).filter(field -> tree.files().keySet().stream()
          .anyMatch(p -> p.startsWith(folder + "/" + Shards.PREFIX))).ifPresent(field -> md.append(
              "; in `" + Shards.PREFIX + "<n>/` parts (`").append(field).append("`, ci-cd/README.md)"));
      md.append(" |\n");
    }
    return md.append('\n').toString();
  }

  /** The standard agents: parts, images, ports, databases, and what their images must provide. */
  static String agents(Fleet fleet) {
    StringBuilder md = new StringBuilder("## Standard agents\n\n");
    md.append("| id | worker workspace | frontend | backend | database | secrets | ingress |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Agent a : fleet.agents()) {
      md.append("| ").append(a.id().toUpperCase(Locale.ROOT)).append(" | ").append(a.worker().workspace())
          .append(" | ").append(a.frontend().map(c -> "`" + c.image() + "` :" + c.port() + " ×" + c.replicas()).orElse("—"))
          .append(" | ").append(a.backend().map(c -> "`" + c.image() + "` :" + c.port() + " ×" + c.replicas()).orElse("—"))
          .append(" | `").append(a.database()).append("` | `").append(a.databaseSecret()).append('`')
          .append(a.worker().gitSecret().map(g -> ", `" + g + "`").orElse(""))
          .append(" | ").append(a.ingress().map(i -> i.host()).orElse("off")).append(" |\n");
    }
    md.append('\n').append(AGENT_PARTS.with("fleet", fleet.name()).text());
    return md.toString();
  }

  /** The full-scale demand and the ResourceQuota that holds it, dimension by dimension, with the margin left. */
  static String capacity(Fleet fleet) {
    Capacity c = fleet.fullScale();
    Capacity q = fleet.quota().hard();
    StringBuilder md = new StringBuilder();
    md.append("At full scale the fleet requests **").append(c.cpuRequests().describeCpu()).append("** and **")
        .append(c.memoryRequests().describeBytes()).append("** of memory in ").append(c.pods())
        .append(" pods (").append(fleet.breakdown().describe()).append(").\n")
        .append("The ResourceQuota in `core/namespace.yaml` adds ").append(fleet.quota().headroomPercent())
        .append("% headroom (`quota.headroom`) to every dimension, rounded up: a quota that exactly fits\n")
        .append("would refuse a replacement database instance, a volume expansion, a restore or debug pod, and pods\n")
        .append("started while the ones they replace are still terminating.")
        .append(fleet.quota().stated().isEmpty() ? ""
            : " Stated in fleet.yaml and checked to hold that: " + String.join(", ", fleet.quota().stated()
                .stream().map(d -> "`" + d + "`").toList()) + ".")
        .append("\n\n| quota dimension | fleet at full scale | quota | margin |\n|---|---|---|---|\n");
    row(md, "requests.cpu", c.cpuRequests().describeCpu(), q.cpuRequests().describeCpu(),
        c.cpuRequests().amount(), q.cpuRequests().amount());
    row(md, "requests.memory", c.memoryRequests().describeBytes(), q.memoryRequests().describeBytes(),
        c.memoryRequests().amount(), q.memoryRequests().amount());
    row(md, "limits.cpu", c.cpuLimits().describeCpu(), q.cpuLimits().describeCpu(),
        c.cpuLimits().amount(), q.cpuLimits().amount());
    row(md, "limits.memory", c.memoryLimits().describeBytes(), q.memoryLimits().describeBytes(),
        c.memoryLimits().amount(), q.memoryLimits().amount());
    row(md, "pods", Integer.toString(c.pods()), Integer.toString(q.pods()),
        java.math.BigDecimal.valueOf(c.pods()), java.math.BigDecimal.valueOf(q.pods()));
    row(md, "persistentvolumeclaims", Integer.toString(c.persistentVolumeClaims()),
        Integer.toString(q.persistentVolumeClaims()), java.math.BigDecimal.valueOf(c.persistentVolumeClaims()),
        java.math.BigDecimal.valueOf(q.persistentVolumeClaims()));
    if (q.storage().isPositive()) {
      row(md, "requests.storage", c.storage().describeBytes(), q.storage().describeBytes(), c.storage().amount(),
          q.storage().amount());
    }
    md.append("\nThe cluster's allocatable capacity must hold the quota too; a smaller cluster leaves pods pending\n")
        .append("when every sub-agent scales out at once.\n\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String dimension, String need, String quota, java.math.BigDecimal n,
      java.math.BigDecimal q) {
    String margin = n.signum() == 0 ? "—" : "+" + q.subtract(n).multiply(java.math.BigDecimal.valueOf(100))
        .divide(n, 0, java.math.RoundingMode.FLOOR).toPlainString() + "%";
    md.append("| `").append(dimension).append("` | ").append(need).append(" | ").append(quota).append(" | ")
        .append(margin).append(" |\n");
  }

  /** The Secrets that {@code env:} variables read, by name with their keys, and where they come from. */
  static String envSecrets(Fleet fleet) {
    java.util.SortedMap<String, java.util.SortedSet<String>> secrets = io.agentfleet.generate.kit.EnvSecrets.of(fleet);
    if (secrets.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    if (fleet.secrets().provider() == SecretsProvider.EXTERNAL_SECRETS) {
      md.append("Variables under `env:` in fleet.yaml read these Secrets; `core/secrets.yaml` asks the operator to copy\n")
          .append("each from the same-named key of the store:\n\n");
      secrets.forEach((name, keys) -> md.append("- `").append(name).append("` (properties `")
          .append(String.join("`, `", keys)).append("`) from key `")
          .append(io.agentfleet.generate.kit.ExternalSecrets.remoteKey(fleet, name)).append("`\n"));
      return md.append('\n').toString();
    }
    md.append("Variables under `env:` in fleet.yaml read these Secrets; the tree does not create them,\n")
        .append("so create them before the first sync:\n\n```sh\n");
    secrets.forEach((name, keys) -> {
      md.append("kubectl create secret generic ").append(name).append(" \\\n  --namespace ").append(fleet.namespace());
      keys.forEach(k -> md.append(" \\\n  --from-literal=").append(k).append("=\"...\""));
      md.append('\n');
    });
    return md.append("```\n\n").toString();
  }

  private static String agentPrefix(Agent a) {
    return a.name().substring(0, a.name().length() - a.id().length());
  }

  /** The fleet and its sync order as Mermaid diagrams, with how to read them. */
  static String picture(Fleet fleet, PlatformPlan plan,
      java.util.SortedMap<String, List<com.fasterxml.jackson.databind.JsonNode>> docs, NetworkModel network,
      Map<NetworkModel.Pod, String> operatorPods, String... strip) {
    StringBuilder md = new StringBuilder("## The fleet at a glance\n\n");
    md.append("Each box is a group of pods the NetworkPolicies treat alike, the same groups as the connection matrix\n")
        .append("under [Network](#network). A solid arrow is a connection the policies allow, computed from them, labelled\n")
        .append("with its destination ports; an arrow into the namespace's frame reaches every pod in it. A dotted arrow is\n")
        .append("a call monitoring is configured to make. More than ").append(FleetDiagram.NAMED_MEMBERS)
        .append(" alike sub-agents are drawn as one box, `first … last` with their\ncount, and more than ")
        .append(FleetDiagram.NAMED_MEMBERS).append(" agents that connect alike as one frame with theirs, so the picture ")
        .append("keeps its size however\nmany the fleet runs.\n\n```mermaid\n")
        .append(FleetDiagram.network(fleet, plan, docs, network, operatorPods, strip)).append("```\n\n");
    String waves = FleetDiagram.waves(docs);
    if (!waves.isEmpty()) {
      md.append(docs.containsKey("ci-cd/operators.yaml")
              ? "Argo CD syncs the Applications of `ci-cd/operators.yaml` (the cluster's operators, installed once per "
                  + "cluster) and `ci-cd/argocd.yaml`\n"
              : "Argo CD syncs the Applications of `ci-cd/argocd.yaml` ")
          .append("wave by wave (`argocd.argoproj.io/sync-wave`), each wave once the ")
          .append("previous one is healthy:\n\n```mermaid\n").append(waves).append("```\n\n");
    }
    return md.toString();
  }

  /** The tree's Kubernetes documents as the JSON that is written, without rendering or parsing them again. */
  private static java.util.SortedMap<String, List<com.fasterxml.jackson.databind.JsonNode>> documents(ManifestTree tree) {
    java.util.SortedMap<String, List<com.fasterxml.jackson.databind.JsonNode>> docs = new java.util.TreeMap<>();
    tree.files().forEach((path, file) -> {
      if (file.isYaml() && RenderedTree.isManifest(path)) {
        docs.put(path, file.documents().stream().<com.fasterxml.jackson.databind.JsonNode>map(tree::json).toList());
      }
    });
    return docs;
  }

  static String readme(Fleet fleet, PlatformPlan plan, ManifestTree tree) {
    StringBuilder md = new StringBuilder();
    md.append("<!-- Generated by agentfleet from fleet.yaml. Do not edit: change fleet.yaml and run `mvn agentfleet:generate`. -->\n");
    md.append("# ").append(fleet.name()).append("\n\n");
    md.append("The Kubernetes tree of the `").append(fleet.name()).append("` agent fleet, namespace `")
        .append(fleet.namespace()).append("`, for Kubernetes ").append(fleet.kubernetesVersion())
        .append(". Argo CD or Flux (see `ci-cd/`), or `migration/deploy.sh` folder by folder, applies it as it is.\n")
        .append("Every object was validated against the Kubernetes ").append(fleet.kubernetesVersion())
        .append(" and CRD schemas (strict) and against the Pod Security level its\nnamespace enforces before the tree was written.\n\n");

    md.append("## Layout\n\n");
    md.append(layout(tree));

    java.util.SortedMap<String, List<com.fasterxml.jackson.databind.JsonNode>> docs = documents(tree);
    Map<NetworkModel.Pod, String> operatorPods = FleetDiagram.operatorPods(docs, plan);
    NetworkModel network = NetworkModel.of(docs, List.copyOf(operatorPods.keySet()));
    String[] strip = {fleet.agents().isEmpty() ? "" : agentPrefix(fleet.agents().get(0)),
        io.agentfleet.model.Defaults.SUB_AGENT_PREFIX + "-"};
    md.append(picture(fleet, plan, docs, network, operatorPods, strip));

    if (!fleet.agents().isEmpty()) {
      md.append(agents(fleet));
    }
    md.append("## Sub-agents\n\n");
    md.append("| id | role | replicas | CPU request | memory request | CPU limit | memory limit | priority |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    // Many sub-agents alike but for their id share one row, and the list below it says which (Alike).
    Function<SubAgent, String> cells = s -> " | " + s.role().title() + " | "
        + s.scaling().minReplicas() + ".." + s.scaling().maxReplicas() + " | " + s.resources().cpuRequest() + " | "
        + s.resources().memoryRequest() + " | " + s.resources().cpuLimit() + " | " + s.resources().memoryLimit()
        + " | " + s.priority() + " |\n";
    Function<SubAgent, String> id = s -> s.id().toUpperCase(Locale.ROOT);
    List<Alike.Group<SubAgent>> groups =
        Alike.group(fleet.subAgents(), cells);
    for (Alike.Group<SubAgent> g : groups) {
      md.append("| ").append(g.label(id)).append(g.many() ? " each" : "").append(cells.apply(g.members().get(0)));
    }
    if (groups.stream().anyMatch(Alike.Group::many)) {
      md.append("\nEach row marked *each* stands for every one of these sub-agents, alike but for their id:\n\n");
      groups.stream().filter(Alike.Group::many)
          .forEach(g -> md.append("- ").append(g.listing(id)).append('\n'));
    }
    md.append('\n');

    md.append("## Capacity\n\n");
    md.append(capacity(fleet));

    md.append(SCALING.text());

    md.append("## What the cluster must provide\n\n");
    for (PlatformPlan.Prerequisite p : plan.prerequisites()) {
      md.append("- ").append(p.name()).append(": ").append(p.what()).append(".\n");
    }
    for (String ns : fleet.externalNamespaces()) {
      md.append("- Namespace `").append(ns).append("`, declared external in fleet.yaml (`externalNamespaces`): the tree ")
          .append("places objects in it but neither creates, labels nor protects it")
          .append(ns.equals(fleet.namespace()) ? "; it must enforce Pod Security `restricted` or less strictly" : "")
          .append(".\n");
    }
    List<SubAgent> apiAccess = fleet.subAgents().stream().filter(sa -> sa.apiAccess() != ApiAccess.NONE).toList();
    if (!apiAccess.isEmpty()) {
      md.append("- The Kubernetes API server at exactly the addresses in `network.apiServer` (")
          .append(String.join(", ", fleet.network().apiServer().stream().map(e -> "`" + e.cidr() + "`:" + e.port()).toList()))
          .append("), which you must state for your cluster:\n  the endpoints of Service `kubernetes` with their port ")
          .append("(`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`)\n  and its ClusterIP ")
          .append("on 443. A NetworkPolicy cannot name the API server, so ")
          .append(String.join(", ", apiAccess.stream().map(sa -> sa.id().toUpperCase(Locale.ROOT)).toList()))
          .append(" (`apiAccess: read`) reach")
          .append(apiAccess.size() == 1 ? "es" : "")
          .append(" it only there.\n");
    }
    md.append('\n');
    if (!plan.operators().isEmpty()) {
      md.append("### Operators\n\n")
          .append(plan.installsOperators()
              ? "The tree installs these operators (`ci-cd/argocd.yaml`, project `" + fleet.gitops().argocd().project()
                  + "-operators`), each from a chart pinned to a version read at its source:\n\n"
              : "The cluster must run these operators before the first sync (`gitops.argocd.installOperators: false`); "
                  + "the tree was checked against these chart versions:\n\n")
          .append("| operator | chart | version | verified at | namespaces it writes to | why the fleet needs it |\n")
          .append("|---|---|---|---|---|---|\n");
      for (Operator op : plan.operators()) {
        md.append("| ").append(op.title()).append(" | `").append(op.repoUrl()).append("` ").append(op.chart())
            .append(" | ").append(op.version()).append(" | `").append(op.verifiedAt()).append("` | ")
            .append(String.join(", ", op.namespaces())).append(" | ").append(op.purpose()).append(" |\n");
      }
      md.append('\n');
    }

    md.append(NAMESPACES.with("external", fleet.externalNamespaces().isEmpty() ? ""
        : " Namespaces declared external (" + String.join(", ", fleet.externalNamespaces().stream()
            .map(n -> "`" + n + "`").toList()) + ") are not created, labelled or annotated at all.").text());

    md.append("## Secrets\n\n");
    if (fleet.secrets().provider() == SecretsProvider.EXTERNAL_SECRETS) {
      String prefix = fleet.secrets().keyPrefix().orElse(fleet.name() + "/");
      md.append("The tree holds no secret values. `core/secrets.yaml` asks the External Secrets Operator to copy\n")
          .append("property `").append(fleet.claude().apiKeyKey()).append("` of key `").append(prefix)
          .append(fleet.claude().apiKeySecret()).append("` in store `").append(fleet.secrets().store().orElseThrow())
          .append("` into the Secret `").append(fleet.claude().apiKeySecret()).append("`.\n\n");
    } else {
      md.append("The tree holds no secret values. Create these Secrets before the first sync:\n\n```sh\n")
          .append("kubectl create secret generic ").append(fleet.claude().apiKeySecret())
          .append(" \\\n  --namespace ").append(fleet.namespace()).append(" \\\n  --from-literal=")
          .append(fleet.claude().apiKeyKey()).append("=\"$ANTHROPIC_API_KEY\"\n");
      for (io.agentfleet.model.Agent a : fleet.agents()) {
        a.worker().gitSecret().ifPresent(git -> md.append("kubectl create secret generic ").append(git)
            .append(" \\\n  --namespace ").append(fleet.namespace())
            .append(" \\\n  --from-literal=token=\"$GIT_TOKEN\"   # agent ").append(a.id())
            .append("'s Git access token\n"));
      }
      md.append("```\n\n");
    }
    md.append(envSecrets(fleet));

    md.append("## Network\n\n");
    java.util.Comparator<NetworkModel.Pod> inFleetOrder = FleetDiagram.inFleetOrder(fleet);
    md.append("Every connection not listed here is denied. Computed from the NetworkPolicies in this tree, as a CNI\n")
        .append("evaluates them (a connection needs the source's egress and the destination's ingress), for pods grouped\n")
        .append("where the policies treat them alike. Between the fleet's pods (destination ports; `·` = no connection;\n")
        .append("on the diagonal, between two pods of a group):\n\n")
        .append(ConnectionMatrix.markdown(network, fleet.namespace(), inFleetOrder, strip))
        .append("\nBeyond the namespace's pods, the policies selecting each group allow (the other end's own policies,\n")
        .append("if any, apply too):\n\n")
        .append(ConnectionMatrix.beyondNamespace(network, fleet.namespace(), inFleetOrder, strip))
        .append('\n');

    md.append("## Agent image contract\n\n");
    md.append("An image runs here when it:\n\n")
        .append("- runs as the numeric non-root user ").append(AgentContract.USER_ID)
        .append(" (group ").append(AgentContract.USER_ID).append(") with a read-only root filesystem; writable paths are `")
        .append(AgentContract.HOME).append("`, `").append(AgentContract.TMP).append("` and `")
        .append(AgentContract.WORKSPACE).append("`;\n")
        .append("- serves HTTP on port ").append(AgentContract.HTTP_PORT).append(" (`http`): `")
        .append(AgentContract.LIVENESS_PATH).append("` answers 200 while alive, `").append(AgentContract.READINESS_PATH)
        .append("` when it can take work;\n")
        .append("- serves Prometheus metrics on port ").append(AgentContract.METRICS_PORT).append(" at `")
        .append(AgentContract.METRICS_PATH).append("`, including the counter `").append(AgentContract.REQUESTS_COUNTER)
        .append("`;\n")
        .append("- reads `ANTHROPIC_API_KEY`, `AGENT_ID`, `AGENT_ROLE`, `FLEET_NAME`, `POD_NAME`, `POD_NAMESPACE`, `AGENT_WORKSPACE`\n")
        .append("  and the fleet directory at `AGENT_DISCOVERY_FILE` (").append(AgentContract.DISCOVERY_DIR).append('/')
        .append(AgentContract.DISCOVERY_FILE).append(");\n")
        .append("- finishes or checkpoints its current step within ").append(AgentContract.TERMINATION_GRACE_SECONDS)
        .append(" s of SIGTERM.\n");
    md.append('\n').append(io.agentfleet.model.plan.PlanText.markdown(io.agentfleet.model.plan.Plan.of(fleet), "##"));
    return md.toString();
  }

}
