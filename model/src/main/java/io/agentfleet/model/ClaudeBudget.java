package io.agentfleet.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fleet's Claude API budget: the organisation's limits ({@code claude.limits}) against what the sub-agents send
 * when every pod runs at its autoscaler's request-rate target ({@code scaling.requestsPerSecond}, the rate the HPA
 * holds each pod at, so the sustained rate of a pod at full load).
 *
 * <p>All limits are brought to one unit, requests per minute: {@code requestsPerMinute} as written,
 * {@code inputTokensPerMinute / tokensPerRequest.input}, {@code outputTokensPerMinute / tokensPerRequest.output},
 * {@code tokensPerDay / (1440 × (input + output))}. The smallest is the budget and its field the binding limit.
 *
 * <p>When the sub-agents at maximum replicas exceed it, {@code claude.overBudget} decides: {@code refuse} names the
 * limit and the numbers; {@code cap} lowers the maxima. The cap keeps every sub-agent at its minimum, then hands out
 * the remaining budget one replica at a time, highest priority first and evenly (round robin in the order of
 * fleet.yaml) within a priority, up to each declared maximum. Priorities decide because the fleet already uses them
 * to say which sub-agents matter most under pressure (PriorityClasses); evenness within a priority keeps one
 * sub-agent from taking the share of its peers.
 *
 * @param declared whether {@code claude.limits} gives any limit; when false the other fields are empty or zero
 * @param limits the limits as written, by field name ({@code requestsPerMinute}...)
 * @param perMinute each limit in requests per minute, by field name
 * @param requestsPerMinute the budget: the smallest of {@code perMinute}
 * @param binding the field of {@code claude.limits} that gives the budget
 * @param subAgents every sub-agent's use, in the order of fleet.yaml
 */
public record ClaudeBudget(
    boolean declared,
    OverBudget overBudget,
    SortedMap<String, BigDecimal> limits,
    Optional<Tokens> tokensPerRequest,
    SortedMap<String, BigDecimal> perMinute,
    BigDecimal requestsPerMinute,
    String binding,
    List<Use> subAgents) {

  /** The order limits are named in messages and ties are broken. */
  public static final List<String> LIMITS =
      List.of("requestsPerMinute", "inputTokensPerMinute", "outputTokensPerMinute", "tokensPerDay");
  private static final BigDecimal MINUTES_PER_DAY = BigDecimal.valueOf(1440);
  private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

  public ClaudeBudget {
    limits = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(limits));
    perMinute = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(perMinute));
    subAgents = List.copyOf(subAgents);
  }

  /** Tokens of one request, resolved. */
  public record Tokens(BigDecimal input, BigDecimal output) {}

  /**
   * One sub-agent's use: its per-pod rate, its replica bounds as declared and the maximum after the budget
   * ({@code max < declaredMax} only when capped).
   */
  public record Use(String id, Priority priority, BigDecimal requestsPerSecond, int min, int declaredMax, int max) {
    /** Requests per minute one pod sends at its scaling target. */
    public BigDecimal perPodPerMinute() {
      return requestsPerSecond.multiply(SECONDS_PER_MINUTE);
    }

    public boolean capped() {
      return max < declaredMax;
    }
  }

  /** No limits declared: nothing bounds the sub-agents but their own maxima. */
  public static ClaudeBudget none(OverBudget mode, List<SubAgent> subAgents) {
    List<Use> uses = subAgents.stream().map(s -> use(s, s.scaling().maxReplicas())).toList();
    return new ClaudeBudget(false, mode, new TreeMap<>(), Optional.empty(), new TreeMap<>(), BigDecimal.ZERO, "",
        uses);
  }

  /** Requests per minute the sub-agents send with every one at its minimum replicas. */
  public BigDecimal atMinimum() {
    return sum(subAgents, Use::min);
  }

  /** Requests per minute at the declared maxima. */
  public BigDecimal atDeclaredMaximum() {
    return sum(subAgents, Use::declaredMax);
  }

  /** Requests per minute at the resolved maxima (capped, if the fleet caps). */
  public BigDecimal atMaximum() {
    return sum(subAgents, Use::max);
  }

  /** Sub-agent replicas the fleet runs at its resolved maxima: what the budget sustains when it is declared. */
  public int replicasAtMaximum() {
    return subAgents.stream().mapToInt(Use::max).sum();
  }

  /** Whether any maximum was lowered by the budget. */
  public boolean anyCapped() {
    return subAgents.stream().anyMatch(Use::capped);
  }

  /**
   * Replicas of one sub-agent the budget holds while every other sub-agent stays at its minimum (the most it could
   * ever run under this budget), or -1 when no budget is declared.
   */
  public int sustainedAlone(String id) {
    if (!declared) {
      return -1;
    }
    BigDecimal others = BigDecimal.ZERO;
    Use mine = null;
    for (Use u : subAgents) {
      if (u.id().equals(id)) {
        mine = u;
      } else {
        others = others.add(u.perPodPerMinute().multiply(BigDecimal.valueOf(u.min())));
      }
    }
    if (mine == null || mine.perPodPerMinute().signum() == 0) {
      return -1;
    }
    BigDecimal left = requestsPerMinute.subtract(others);
    return left.signum() <= 0 ? 0 : left.divide(mine.perPodPerMinute(), 0, RoundingMode.FLOOR).intValueExact();
  }

  /** The per-minute value of {@code requests} requests per minute in the unit of limit {@code field}. */
  public BigDecimal inUnitOf(String field, BigDecimal requests) {
    Tokens t = tokensPerRequest.orElse(new Tokens(BigDecimal.ONE, BigDecimal.ONE));
    return switch (field) {
      case "inputTokensPerMinute" -> requests.multiply(t.input());
      case "outputTokensPerMinute" -> requests.multiply(t.output());
      case "tokensPerDay" -> requests.multiply(MINUTES_PER_DAY).multiply(t.input().add(t.output()));
      default -> requests;
    };
  }

  /** The unit of a limit, for messages. */
  public static String unit(String field) {
    return switch (field) {
      case "inputTokensPerMinute" -> "input tokens per minute";
      case "outputTokensPerMinute" -> "output tokens per minute";
      case "tokensPerDay" -> "tokens per day";
      default -> "requests per minute";
    };
  }

  private static BigDecimal sum(List<Use> uses, java.util.function.ToIntFunction<Use> count) {
    BigDecimal total = BigDecimal.ZERO;
    for (Use u : uses) {
      total = total.add(u.perPodPerMinute().multiply(BigDecimal.valueOf(count.applyAsInt(u))));
    }
    return total;
  }

  private static Use use(SubAgent s, int max) {
    return new Use(s.id(), s.priority(), s.scaling().requestsPerSecond().amount(), s.scaling().minReplicas(),
        s.scaling().maxReplicas(), max);
  }

  // ---- resolving ----------------------------------------------------------------------------------------------

  /** The budget of these resolved sub-agents under {@code claude}; problems are added for what cannot hold. */
  static ClaudeBudget resolve(ClaudeSpec claude, List<SubAgent> subAgents, Problems p) {
    OverBudget mode = claude.overBudget().orElse(Defaults.OVER_BUDGET);
    Optional<ClaudeLimitsSpec> spec = claude.limits();
    Map<String, Optional<Quantity>> written = new LinkedHashMap<>();
    spec.ifPresent(l -> {
      written.put("requestsPerMinute", l.requestsPerMinute());
      written.put("inputTokensPerMinute", l.inputTokensPerMinute());
      written.put("outputTokensPerMinute", l.outputTokensPerMinute());
      written.put("tokensPerDay", l.tokensPerDay());
    });
    Optional<Tokens> tokens = claude.tokensPerRequest().flatMap(t -> {
      boolean in = whole(p, "claude.tokensPerRequest.input", t.input());
      boolean out = whole(p, "claude.tokensPerRequest.output", t.output());
      return in && out ? Optional.of(new Tokens(t.input().amount(), t.output().amount())) : Optional.empty();
    });
    SortedMap<String, BigDecimal> limits = new TreeMap<>();
    boolean valid = true;
    for (Map.Entry<String, Optional<Quantity>> e : written.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      if (whole(p, "claude.limits." + e.getKey(), e.getValue().get())) {
        limits.put(e.getKey(), e.getValue().get().amount());
      } else {
        valid = false;
      }
    }
    if (spec.isPresent() && written.values().stream().allMatch(Optional::isEmpty)) {
      p.add("claude.limits", "must give at least one limit (requestsPerMinute, inputTokensPerMinute, "
          + "outputTokensPerMinute or tokensPerDay)");
    }
    boolean needsTokens = LIMITS.stream().skip(1).anyMatch(limits::containsKey);
    if (needsTokens && claude.tokensPerRequest().isEmpty()) {
      String first = LIMITS.stream().skip(1).filter(limits::containsKey).findFirst().orElseThrow();
      p.add("claude.tokensPerRequest", "must be given when claude.limits." + first + " is: a token limit bounds "
          + "replicas through the tokens each request uses ({ input: 3000, output: 600 })");
      valid = false;
    }
    if (needsTokens && tokens.isEmpty()) {
      valid = false;
    }
    if (!valid || limits.isEmpty()) {
      return none(mode, subAgents);
    }
    Tokens t = tokens.orElse(new Tokens(BigDecimal.ONE, BigDecimal.ONE));
    SortedMap<String, BigDecimal> perMinute = new TreeMap<>();
    String binding = "";
    BigDecimal budget = null;
    for (String field : LIMITS) {
      BigDecimal limit = limits.get(field);
      if (limit == null) {
        continue;
      }
      BigDecimal per = switch (field) {
        case "inputTokensPerMinute" -> limit.divide(t.input(), 6, RoundingMode.FLOOR);
        case "outputTokensPerMinute" -> limit.divide(t.output(), 6, RoundingMode.FLOOR);
        case "tokensPerDay" -> limit.divide(MINUTES_PER_DAY.multiply(t.input().add(t.output())), 6, RoundingMode.FLOOR);
        default -> limit;
      };
      per = per.stripTrailingZeros();
      perMinute.put(field, per);
      if (budget == null || per.compareTo(budget) < 0) {
        budget = per;
        binding = field;
      }
    }
    List<Use> declared = subAgents.stream().map(s -> use(s, s.scaling().maxReplicas())).toList();
    ClaudeBudget uncapped = new ClaudeBudget(true, mode, limits, tokens, perMinute, budget, binding, declared);
    String path = "claude.limits." + binding;
    String unit = unit(binding);
    BigDecimal min = uncapped.atMinimum();
    if (min.compareTo(budget) > 0) {
      p.add(path, "the sub-agents at their minimum replicas send " + plain(min) + " requests per minute ("
          + breakdown(declared, Use::min) + ")" + inUnit(uncapped, binding, min) + ", but claude.limits." + binding
          + " allows " + plain(limits.get(binding)) + " " + unit + ": lower subAgents[].replicas minima, their "
          + "scaling.requestsPerSecond, or raise the limit");
      return uncapped;
    }
    BigDecimal max = uncapped.atDeclaredMaximum();
    if (max.compareTo(budget) <= 0) {
      return uncapped;
    }
    List<Use> capped = allocate(declared, budget);
    ClaudeBudget result = new ClaudeBudget(true, mode, limits, tokens, perMinute, budget, binding, capped);
    if (mode == OverBudget.REFUSE) {
      p.add(path, "the sub-agents at maximum replicas send " + plain(max) + " requests per minute ("
          + breakdown(declared, Use::declaredMax) + ", each pod at its scaling.requestsPerSecond)"
          + inUnit(uncapped, binding, max) + ", but claude.limits." + binding + " allows " + plain(limits.get(binding))
          + " " + unit + " (" + plain(budget) + " requests per minute): the budget sustains "
          + capped.stream().map(u -> u.id() + " " + u.max()).reduce((a, b) -> a + ", " + b).orElse("") + " ("
          + result.replicasAtMaximum() + " replicas, not " + uncapped.replicasAtMaximum() + "); lower "
          + "subAgents[].replicas, raise the limit, or set claude.overBudget: cap");
    }
    return result;
  }

  /** Minima first, then one replica at a time: highest priority first, round robin within a priority. */
  static List<Use> allocate(List<Use> declared, BigDecimal budget) {
    int[] max = declared.stream().mapToInt(Use::min).toArray();
    BigDecimal left = budget.subtract(sum(declared, Use::min));
    for (Priority tier : List.of(Priority.HIGH, Priority.MEDIUM, Priority.LOW)) {
      boolean added = true;
      while (added) {
        added = false;
        for (int i = 0; i < declared.size(); i++) {
          Use u = declared.get(i);
          if (u.priority() == tier && max[i] < u.declaredMax() && u.perPodPerMinute().compareTo(left) <= 0) {
            max[i]++;
            left = left.subtract(u.perPodPerMinute());
            added = true;
          }
        }
      }
    }
    List<Use> out = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      Use u = declared.get(i);
      out.add(new Use(u.id(), u.priority(), u.requestsPerSecond(), u.min(), u.declaredMax(), max[i]));
    }
    return out;
  }

  private static String breakdown(List<Use> uses, java.util.function.ToIntFunction<Use> count) {
    return String.join(" + ", uses.stream().filter(u -> count.applyAsInt(u) > 0)
        .map(u -> u.id() + " " + count.applyAsInt(u) + " × " + plain(u.perPodPerMinute())).toList());
  }

  private static String inUnit(ClaudeBudget b, String field, BigDecimal requests) {
    return field.equals("requestsPerMinute") ? "" : ", " + plain(b.inUnitOf(field, requests)) + " " + unit(field);
  }

  static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  private static boolean whole(Problems p, String path, Quantity q) {
    if (!Validation.positive(p, path, q)) {
      return false;
    }
    if (q.amount().stripTrailingZeros().scale() > 0) {
      p.add(path, q + " must be a whole number");
      return false;
    }
    return true;
  }
}
