package io.agentfleet.model.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.model.Capacity;
import io.agentfleet.model.ClaudeBudget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Plan} as a terminal table, Markdown and JSON. All three are deterministic: the same fleet gives the same
 * bytes. Tables show CPU in cores ({@code 61.6 cores}) and memory in binary units; JSON keeps exact machine values,
 * CPU in millicores and memory and storage in bytes (see {@code units}), with stable field names.
 */
public final class PlanText {
  private static final List<String> HEADER =
      List.of("", "pods", "CPU req", "CPU lim", "memory req", "memory lim", "storage");
  private static final String FFD_NOTE = "first-fit decreasing by each pod's larger share (CPU or memory) of a "
      + "node; never below the optimum, in one dimension at most 11/9 of it plus 6/9";

  private PlanText() {}

  /** The plan as aligned plain-text tables, for a terminal or a build log. */
  public static String table(Plan plan) {
    StringBuilder out = new StringBuilder("Capacity plan of fleet " + plan.fleet() + " (namespace " + plan.namespace()
        + ")\n");
    for (Plan.Scale s : List.of(plan.minimum(), plan.maximum())) {
      out.append('\n').append("At ").append(s.name()).append(" scale:\n");
      List<Alike.Group<Plan.Line>> workloads = workloads(s);
      out.append(aligned(rows(s, plan.namespace(), workloads)));
      List<String> alike = alikeListings(workloads);
      if (!alike.isEmpty()) {
        out.append("Each row marked \"each\" counts one of these alike workloads:\n");
        alike.forEach(l -> out.append("  ").append(l).append('\n'));
      }
      s.nodes().ifPresent(n -> out.append(nodes(plan, n)).append('\n'));
    }
    out.append('\n').append("Namespace quota (").append(plan.headroomPercent()).append("% headroom over maximum):\n");
    out.append(aligned(quotaRows(plan)));
    out.append('\n').append(budgetText(plan.budget())).append('\n');
    return out.toString();
  }

  /** The plan as Markdown: a section of the tree's README. */
  public static String markdown(Plan plan, String heading) {
    StringBuilder md = new StringBuilder(heading).append(" Capacity plan\n\n");
    md.append("Requests, limits, pods and storage of the fleet's namespace at minimum and at maximum scale (the "
        + "maximum counts one rolling-update surge pod per Deployment, as the quota does). `mvn agentfleet:plan` "
        + "prints the same plan and writes it as JSON.");
    if (hasBeside(plan)) {
      md.append(" The monitoring servers run in namespaces of their own beside it: the row `" + Plan.BESIDE
          + "/ (beside)` counts them with the requests the tree gives them (surge pods included) in the total the "
          + "cluster must hold, not in the namespace's quota; the log shipper runs one pod on every node and is "
          + "counted once.");
    }
    md.append('\n');
    for (Plan.Scale s : List.of(plan.minimum(), plan.maximum())) {
      md.append("\n**At ").append(s.name()).append(" scale**\n\n");
      List<Alike.Group<Plan.Line>> workloads = workloads(s);
      md.append(markdownTable(rows(s, plan.namespace(), workloads)));
      List<String> alike = alikeListings(workloads);
      if (!alike.isEmpty()) {
        md.append("\nEach row marked *each* counts one of these alike workloads:\n\n");
        alike.forEach(l -> md.append("- ").append(l).append('\n'));
      }
      s.nodes().ifPresent(n -> md.append('\n').append(nodes(plan, n)).append('\n'));
    }
    md.append("\n**Namespace quota** (").append(plan.headroomPercent()).append("% headroom over the maximum)\n\n");
    md.append(markdownTable(quotaRows(plan)));
    md.append('\n').append(budgetText(plan.budget())).append('\n');
    return md.toString();
  }

  /** The plan as JSON, two-space indented, {@code \n} line ends, fields in a fixed order. */
  public static String json(Plan plan) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("fleet", plan.fleet());
    root.put("namespace", plan.namespace());
    ObjectNode units = root.putObject("units");
    units.put("cpu", "millicores");
    units.put("memory", "bytes");
    units.put("storage", "bytes");
    for (Plan.Scale s : List.of(plan.minimum(), plan.maximum())) {
      ObjectNode scale = root.putObject(s.name());
      ObjectNode folders = scale.putObject("folders");
      s.folders().forEach(l -> envelope(folders.putObject(l.name()), l.envelope()));
      ObjectNode owners = scale.putObject("workloads");
      s.owners().forEach(l -> envelope(owners.putObject(l.name()), l.envelope()));
      envelope(scale.putObject("surge"), s.surge());
      envelope(scale.putObject("namespace"), s.namespace());
      envelope(scale.putObject("total"), s.total());
      s.nodes().ifPresent(n -> {
        ObjectNode nodes = scale.putObject("nodes");
        nodes.put("count", n.count());
        nodes.put("method", "first-fit-decreasing");
        ObjectNode largest = nodes.putObject("largestPod");
        largest.put("workload", n.largestPod());
        largest.put("cpu", Plan.millicores(n.largestCpu()));
        largest.put("memory", n.largestMemory());
        ArrayNode un = nodes.putArray("unplaceable");
        n.unplaceable().forEach(un::add);
      });
    }
    plan.node().ifPresent(n -> {
      ObjectNode node = root.putObject("node");
      node.put("cpu", Plan.millicores(n.cpu()));
      node.put("memory", n.memory());
      node.put("pods", n.pods());
    });
    ObjectNode quota = root.putObject("quota");
    quota.put("headroomPercent", plan.headroomPercent());
    Capacity q = plan.quota();
    Plan.Envelope need = plan.maximum().namespace();
    dimension(quota, "requests.cpu", Plan.millicores(need.cpuRequests()), Plan.millicores(q.cpuRequests().amount()));
    dimension(quota, "requests.memory", need.memoryRequests(), q.memoryRequests().amount());
    dimension(quota, "limits.cpu", Plan.millicores(need.cpuLimits()), Plan.millicores(q.cpuLimits().amount()));
    dimension(quota, "limits.memory", need.memoryLimits(), q.memoryLimits().amount());
    dimension(quota, "pods", BigDecimal.valueOf(need.pods()), BigDecimal.valueOf(q.pods()));
    dimension(quota, "requests.storage", need.storage(), q.storage().amount());
    ClaudeBudget b = plan.budget();
    ObjectNode budget = root.putObject("claudeBudget");
    budget.put("declared", b.declared());
    budget.put("overBudget", b.overBudget().toString());
    if (b.declared()) {
      ObjectNode limits = budget.putObject("limits");
      b.limits().forEach(limits::put);
      b.tokensPerRequest().ifPresent(t -> {
        ObjectNode tokens = budget.putObject("tokensPerRequest");
        tokens.put("input", t.input());
        tokens.put("output", t.output());
      });
      ObjectNode per = budget.putObject("requestsPerMinuteByLimit");
      b.perMinute().forEach(per::put);
      budget.put("requestsPerMinute", b.requestsPerMinute().stripTrailingZeros());
      budget.put("binding", "claude.limits." + b.binding());
      budget.put("atMinimum", b.atMinimum().stripTrailingZeros());
      budget.put("atDeclaredMaximum", b.atDeclaredMaximum().stripTrailingZeros());
      budget.put("atMaximum", b.atMaximum().stripTrailingZeros());
      budget.put("replicasAtMaximum", b.replicasAtMaximum());
    }
    ArrayNode subs = budget.putArray("subAgents");
    for (ClaudeBudget.Use u : b.subAgents()) {
      ObjectNode o = subs.addObject();
      o.put("id", u.id());
      o.put("priority", u.priority().toString());
      o.put("requestsPerSecond", u.requestsPerSecond().stripTrailingZeros());
      u.tokensPerRequest().ifPresent(t -> {
        ObjectNode tokens = o.putObject("tokensPerRequest");
        tokens.put("input", t.input());
        tokens.put("output", t.output());
      });
      o.put("min", u.min());
      o.put("declaredMax", u.declaredMax());
      o.put("max", u.max());
      o.put("capped", u.capped());
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return new ObjectMapper().enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan is always writable as JSON", e);
    }
  }

  private static void envelope(ObjectNode o, Plan.Envelope e) {
    o.put("pods", e.pods());
    o.put("cpuRequests", Plan.millicores(e.cpuRequests()));
    o.put("cpuLimits", Plan.millicores(e.cpuLimits()));
    o.put("memoryRequests", e.memoryRequests().stripTrailingZeros());
    o.put("memoryLimits", e.memoryLimits().stripTrailingZeros());
    o.put("storage", e.storage().stripTrailingZeros());
  }

  private static void dimension(ObjectNode quota, String name, BigDecimal need, BigDecimal hard) {
    ObjectNode d = quota.putObject(name);
    d.put("maximum", need.stripTrailingZeros());
    d.put("quota", hard.stripTrailingZeros());
    d.put("headroom", hard.subtract(need).stripTrailingZeros());
  }

  private static List<List<String>> rows(Plan.Scale s, String namespace, List<Alike.Group<Plan.Line>> workloads) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    s.folders().forEach(l -> rows.add(row(l.name() + "/" + (l.name().equals(Plan.BESIDE) ? " (beside)" : ""),
        l.envelope())));
    for (Alike.Group<Plan.Line> g : workloads) {
      rows.add(row("  " + g.label(Plan.Line::name) + (g.many() ? " each" : ""), g.members().get(0).envelope()));
    }
    if (s.surge().pods() > 0) {
      rows.add(row("rolling-update surge", s.surge()));
    }
    if (!s.namespace().equals(s.total())) {
      rows.add(row("namespace " + namespace, s.namespace()));
    }
    rows.add(row("total", s.total()));
    return rows;
  }

  /** The agents' and sub-agents' rows of a scale, many alike shown once ({@link Alike}). */
  private static List<Alike.Group<Plan.Line>> workloads(Plan.Scale s) {
    return Alike.group(s.owners().stream()
        .filter(l -> !l.name().equals("database") && !l.name().equals("monitoring")).toList(),
        l -> row("", l.envelope()));
  }

  /** Which workloads a row marked {@code each} stands for, one line per such row; empty when there is none. */
  private static List<String> alikeListings(List<Alike.Group<Plan.Line>> workloads) {
    return workloads.stream().filter(Alike.Group::many).map(g -> g.listing(Plan.Line::name)).toList();
  }

  private static List<String> row(String name, Plan.Envelope e) {
    return List.of(name, Integer.toString(e.pods()), Plan.cores(e.cpuRequests()), Plan.cores(e.cpuLimits()),
        Plan.bytes(e.memoryRequests()), Plan.bytes(e.memoryLimits()), Plan.bytes(e.storage()));
  }

  private static List<List<String>> quotaRows(Plan plan) {
    Capacity q = plan.quota();
    Plan.Envelope n = plan.maximum().namespace();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("", "maximum", "quota", "headroom"));
    rows.add(List.of("requests.cpu", Plan.cores(n.cpuRequests()), Plan.cores(q.cpuRequests().amount()),
        Plan.cores(q.cpuRequests().amount().subtract(n.cpuRequests()))));
    rows.add(List.of("requests.memory", Plan.bytes(n.memoryRequests()), Plan.bytes(q.memoryRequests().amount()),
        Plan.bytes(q.memoryRequests().amount().subtract(n.memoryRequests()))));
    rows.add(List.of("limits.cpu", Plan.cores(n.cpuLimits()), Plan.cores(q.cpuLimits().amount()),
        Plan.cores(q.cpuLimits().amount().subtract(n.cpuLimits()))));
    rows.add(List.of("limits.memory", Plan.bytes(n.memoryLimits()), Plan.bytes(q.memoryLimits().amount()),
        Plan.bytes(q.memoryLimits().amount().subtract(n.memoryLimits()))));
    rows.add(List.of("pods", Integer.toString(n.pods()), Integer.toString(q.pods()),
        Integer.toString(q.pods() - n.pods())));
    rows.add(List.of("requests.storage", Plan.bytes(n.storage()), Plan.bytes(q.storage().amount()),
        Plan.bytes(q.storage().amount().subtract(n.storage()))));
    return rows;
  }

  private static String nodes(Plan plan, Plan.Nodes n) {
    var node = plan.node().orElseThrow();
    String text = "Nodes of " + Plan.cores(node.cpu()) + ", " + Plan.bytes(node.memory()) + ", " + node.pods()
        + " pods (cluster.node): " + n.count() + " (" + FFD_NOTE + "). Largest pod: " + n.largestPod() + " ("
        + Plan.cores(n.largestCpu()) + ", " + Plan.bytes(n.largestMemory()) + ").";
    if (!n.unplaceable().isEmpty()) {
      text += " Fits no node: " + String.join(", ", n.unplaceable()) + ".";
    }
    return text;
  }

  private static String budgetText(ClaudeBudget b) {
    if (!b.declared()) {
      return "Claude API budget: no claude.limits declared; nothing bounds the sub-agents but replicas.max.";
    }
    StringBuilder t = new StringBuilder("Claude API budget: ");
    List<String> limits = new ArrayList<>();
    for (String field : ClaudeBudget.LIMITS) {
      if (b.limits().containsKey(field)) {
        limits.add(field + " " + plain(b.limits().get(field)) + " (" + plain(b.perMinute().get(field))
            + " requests/min)");
      }
    }
    List<String> own = b.subAgents().stream().filter(u -> u.tokensPerRequest().isPresent()
        && !u.tokensPerRequest().equals(b.tokensPerRequest())).map(u -> u.id() + " " + tokens(u.tokensPerRequest()
            .get())).toList();
    t.append(String.join(", ", limits)).append(b.tokensPerRequest().map(x -> "; tokensPerRequest " + tokens(x))
        .orElse("")).append(own.isEmpty() ? "" : (b.tokensPerRequest().isPresent() ? " (" : "; tokensPerRequest ")
            + String.join(", ", own) + (b.tokensPerRequest().isPresent() ? ")" : "")).append(". Budget ")
        .append(plain(b.requestsPerMinute())).append(" requests/min")
        .append(own.isEmpty() ? "" : " (at the mix of the declared maxima)").append(", set by claude.limits.")
        .append(b.binding()).append(". Sub-agents send ")
        .append(plain(b.atMinimum())).append(" at minimum, ").append(plain(b.atDeclaredMaximum()))
        .append(" at the declared maxima");
    if (b.anyCapped()) {
      t.append("; ").append(b.overBudget().toString().equals("cap") ? "capped" : "the budget would sustain")
          .append(" ").append(String.join(", ", b.subAgents().stream()
              .map(u -> u.id() + " " + u.max() + (u.capped() ? " (of " + u.declaredMax() + ")" : "")).toList()))
          .append(": ").append(b.replicasAtMaximum()).append(" replicas, ").append(plain(b.atMaximum()))
          .append(" requests/min (highest priority first, evenly within a priority)");
    }
    return t.append('.').toString();
  }

  private static String tokens(ClaudeBudget.Tokens t) {
    return plain(t.input()) + " in / " + plain(t.output()) + " out";
  }

  private static boolean hasBeside(Plan plan) {
    return plan.maximum().folders().stream().anyMatch(l -> l.name().equals(Plan.BESIDE));
  }

  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  private static String aligned(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    rows.forEach(r -> {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        line.append(i == 0 ? cell + " ".repeat(width[i] - cell.length())
            : "  " + " ".repeat(width[i] - cell.length()) + cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String markdownTable(List<List<String>> rows) {
    StringBuilder md = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      md.append("| ").append(String.join(" | ", r.stream().map(c -> c.isBlank() ? " " : c.strip()).toList()))
          .append(" |\n");
      if (i == 0) {
        md.append("|---").append("|---:".repeat(r.size() - 1)).append("|\n");
      }
    }
    return md.toString();
  }
}
