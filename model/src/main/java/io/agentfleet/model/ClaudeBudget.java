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
 * <p>Each sub-agent's pods are counted in the unit of every limit: requests per minute, input and output tokens per
 * minute through its own tokens per request ({@code subAgents[].tokensPerRequest}, else the fleet's
 * {@code claude.tokensPerRequest}), tokens per day as 1440 minutes of input plus output. The fleet fits when every
 * limit holds. For reading, each limit is also given in requests per minute at the mix of the declared maxima
 * (with one token figure for every sub-agent: {@code inputTokensPerMinute / tokensPerRequest.input} and so on); the
 * smallest is the budget and its field the binding limit.
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

  /** The most tokens one request may carry in or out: no Claude model's context window holds more. */
  public static final BigDecimal MAX_TOKENS_PER_REQUEST = BigDecimal.valueOf(1_000_000);

  /**
   * One sub-agent's use: its per-pod rate, the tokens of its requests (its own or the fleet's; empty when neither is
   * given), its replica bounds as declared and the maximum after the budget ({@code max < declaredMax} only when
   * capped).
   */
  public record Use(String id, Priority priority, BigDecimal requestsPerSecond, Optional<Tokens> tokensPerRequest,
      int min, int declaredMax, int max) {
    /** Requests per minute one pod sends at its scaling target. */
    public BigDecimal perPodPerMinute() {
      return requestsPerSecond.multiply(SECONDS_PER_MINUTE);
    }

    /** What one pod uses of limit {@code field} per minute (per day for {@code tokensPerDay}), in its unit. */
    public BigDecimal perPodIn(String field) {
      Tokens t = tokensPerRequest.orElse(new Tokens(BigDecimal.ONE, BigDecimal.ONE));
      BigDecimal requests = perPodPerMinute();
      return switch (field) {
        case "inputTokensPerMinute" -> requests.multiply(t.input());
        case "outputTokensPerMinute" -> requests.multiply(t.output());
        case "tokensPerDay" -> requests.multiply(MINUTES_PER_DAY).multiply(t.input().add(t.output()));
        default -> requests;
      };
    }

    public boolean capped() {
      return max < declaredMax;
    }
  }

  /** No limits declared: nothing bounds the sub-agents but their own maxima. */
  public static ClaudeBudget none(OverBudget mode, List<SubAgent> subAgents) {
    List<Use> uses = subAgents.stream().map(s -> use(s, Optional.empty(), s.scaling().maxReplicas())).toList();
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

  /** What the sub-agents use of limit {@code field}, each at {@code count} pods, in the limit's unit. */
  public BigDecimal usage(String field, java.util.function.ToIntFunction<Use> count) {
    return usage(subAgents, field, count);
  }

  private static BigDecimal usage(List<Use> uses, String field, java.util.function.ToIntFunction<Use> count) {
    BigDecimal total = BigDecimal.ZERO;
    for (Use u : uses) {
      total = total.add(u.perPodIn(field).multiply(BigDecimal.valueOf(count.applyAsInt(u))));
    }
    return total;
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

  private static Use use(SubAgent s, Optional<Tokens> tokens, int max) {
    return new Use(s.id(), s.priority(), s.scaling().requestsPerSecond().amount(), tokens, s.scaling().minReplicas(),
        s.scaling().maxReplicas(), max);
  }

  // ---- resolving ----------------------------------------------------------------------------------------------

  /**
   * The budget of these resolved sub-agents under {@code claude}, each with the tokens per request of its spec in
   * {@code written} (by id) or the fleet's; problems are added for what cannot hold.
   */
  static ClaudeBudget resolve(ClaudeSpec claude, List<SubAgentSpec> written, List<SubAgent> subAgents, Problems p) {
    OverBudget mode = claude.overBudget().orElse(Defaults.OVER_BUDGET);
    Optional<ClaudeLimitsSpec> spec = claude.limits();
    Map<String, Optional<Quantity>> stated = new LinkedHashMap<>();
    spec.ifPresent(l -> {
      stated.put("requestsPerMinute", l.requestsPerMinute());
      stated.put("inputTokensPerMinute", l.inputTokensPerMinute());
      stated.put("outputTokensPerMinute", l.outputTokensPerMinute());
      stated.put("tokensPerDay", l.tokensPerDay());
    });
    Optional<Tokens> tokens = claude.tokensPerRequest().flatMap(t -> tokens(p, "claude.tokensPerRequest", t));
    boolean valid = claude.tokensPerRequest().isEmpty() || tokens.isPresent();
    Map<String, Optional<Tokens>> own = new LinkedHashMap<>();
    for (int i = 0; i < written.size(); i++) {
      SubAgentSpec s = written.get(i);
      String path = "subAgents[" + (s.id().isEmpty() ? String.valueOf(i) : s.id()) + "].tokensPerRequest";
      Optional<Tokens> t = s.tokensPerRequest().flatMap(x -> tokens(p, path, x));
      valid &= s.tokensPerRequest().isEmpty() || t.isPresent();
      own.putIfAbsent(s.id(), t);
    }
    SortedMap<String, BigDecimal> limits = new TreeMap<>();
    for (Map.Entry<String, Optional<Quantity>> e : stated.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      if (whole(p, "claude.limits." + e.getKey(), e.getValue().get())) {
        limits.put(e.getKey(), e.getValue().get().amount());
      } else {
        valid = false;
      }
    }
    if (spec.isPresent() && stated.values().stream().allMatch(Optional::isEmpty)) {
      p.add("claude.limits", "must give at least one limit (requestsPerMinute, inputTokensPerMinute, "
          + "outputTokensPerMinute or tokensPerDay)");
    }
    boolean needsTokens = LIMITS.stream().skip(1).anyMatch(limits::containsKey);
    List<String> without = written.stream().filter(s -> s.tokensPerRequest().isEmpty()).map(SubAgentSpec::id).toList();
    if (needsTokens && claude.tokensPerRequest().isEmpty() && (!without.isEmpty() || written.isEmpty())) {
      String first = LIMITS.stream().skip(1).filter(limits::containsKey).findFirst().orElseThrow();
      p.add("claude.tokensPerRequest", "must be given when claude.limits." + first + " is"
          + (written.isEmpty() ? "" : " and " + String.join(", ", without) + " give" + (without.size() == 1 ? "s" : "")
              + " no subAgents[].tokensPerRequest of " + (without.size() == 1 ? "its" : "their") + " own")
          + ": a token limit bounds replicas through the tokens each request uses ({ input: 3000, output: 600 })");
      valid = false;
    }
    if (!valid || limits.isEmpty()) {
      return none(mode, subAgents);
    }
    List<Use> declared = new ArrayList<>();
    for (SubAgent s : subAgents) {
      declared.add(use(s, own.getOrDefault(s.id(), Optional.empty()).or(() -> tokens), s.scaling().maxReplicas()));
    }
    // Each limit in requests per minute at the mix of the declared maxima (one pod each when they send nothing).
    boolean sends = sum(declared, Use::declaredMax).signum() > 0;
    java.util.function.ToIntFunction<Use> mix = sends ? Use::declaredMax : u -> 1;
    BigDecimal mixRequests = sum(declared, mix);
    SortedMap<String, BigDecimal> perMinute = new TreeMap<>();
    String binding = "";
    BigDecimal budget = null;
    for (String field : LIMITS) {
      BigDecimal limit = limits.get(field);
      if (limit == null) {
        continue;
      }
      BigDecimal mixUsage = usage(declared, field, mix);
      BigDecimal per = mixUsage.signum() == 0 ? limit
          : limit.multiply(mixRequests).divide(mixUsage, 6, RoundingMode.FLOOR);
      per = per.stripTrailingZeros();
      perMinute.put(field, per);
      if (budget == null || per.compareTo(budget) < 0) {
        budget = per;
        binding = field;
      }
    }
    ClaudeBudget uncapped = new ClaudeBudget(true, mode, limits, tokens, perMinute, budget, binding, declared);
    BigDecimal min = uncapped.atMinimum();
    for (String field : LIMITS) {
      if (limits.containsKey(field) && usage(declared, field, Use::min).compareTo(limits.get(field)) > 0) {
        p.add("claude.limits." + field, "the sub-agents at their minimum replicas send " + plain(min)
            + " requests per minute (" + breakdown(declared, Use::min) + ")" + inUnit(declared, field, Use::min)
            + ", but claude.limits." + field + " allows " + plain(limits.get(field)) + " " + unit(field)
            + ": lower subAgents[].replicas minima, their scaling.requestsPerSecond, or raise the limit");
        return uncapped;
      }
    }
    boolean fits = true;
    for (String field : limits.keySet()) {
      fits &= usage(declared, field, Use::declaredMax).compareTo(limits.get(field)) <= 0;
    }
    if (fits) {
      return uncapped;
    }
    String path = "claude.limits." + binding;
    String unit = unit(binding);
    BigDecimal max = uncapped.atDeclaredMaximum();
    List<Use> capped = allocate(declared, limits);
    ClaudeBudget result = new ClaudeBudget(true, mode, limits, tokens, perMinute, budget, binding, capped);
    if (mode == OverBudget.REFUSE) {
      p.add(path, "the sub-agents at maximum replicas send " + plain(max) + " requests per minute ("
          + breakdown(declared, Use::declaredMax) + ", each pod at its scaling.requestsPerSecond)"
          + inUnit(declared, binding, Use::declaredMax) + ", but claude.limits." + binding + " allows " + plain(limits.get(binding))
          + " " + unit + " (" + plain(budget) + " requests per minute): the budget sustains "
          + capped.stream().map(u -> u.id() + " " + u.max()).reduce((a, b) -> a + ", " + b).orElse("") + " ("
          + result.replicasAtMaximum() + " replicas, not " + uncapped.replicasAtMaximum() + "); lower "
          + "subAgents[].replicas, raise the limit, or set claude.overBudget: cap");
    }
    return result;
  }

  /**
   * Minima first, then one replica at a time: highest priority first, round robin within a priority; a replica is
   * added when what its pod uses fits what every limit has left.
   */
  static List<Use> allocate(List<Use> declared, SortedMap<String, BigDecimal> limits) {
    int[] max = declared.stream().mapToInt(Use::min).toArray();
    Map<String, BigDecimal> left = new TreeMap<>();
    limits.forEach((field, limit) -> left.put(field, limit.subtract(usage(declared, field, Use::min))));
    for (Priority tier : List.of(Priority.HIGH, Priority.MEDIUM, Priority.LOW)) {
      boolean added = true;
      while (added) {
        added = false;
        for (int i = 0; i < declared.size(); i++) {
          Use u = declared.get(i);
          if (u.priority() != tier || max[i] >= u.declaredMax()) {
            continue;
          }
          boolean room = left.entrySet().stream().allMatch(e -> u.perPodIn(e.getKey()).compareTo(e.getValue()) <= 0);
          if (room) {
            max[i]++;
            left.replaceAll((field, l) -> l.subtract(u.perPodIn(field)));
            added = true;
          }
        }
      }
    }
    List<Use> out = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      Use u = declared.get(i);
      out.add(new Use(u.id(), u.priority(), u.requestsPerSecond(), u.tokensPerRequest(), u.min(), u.declaredMax(),
          max[i]));
    }
    return out;
  }

  private static String breakdown(List<Use> uses, java.util.function.ToIntFunction<Use> count) {
    return String.join(" + ", uses.stream().filter(u -> count.applyAsInt(u) > 0)
        .map(u -> u.id() + " " + count.applyAsInt(u) + " × " + plain(u.perPodPerMinute())).toList());
  }

  private static String inUnit(List<Use> uses, String field, java.util.function.ToIntFunction<Use> count) {
    return field.equals("requestsPerMinute") ? "" : ", " + plain(usage(uses, field, count)) + " " + unit(field);
  }

  /** Whole tokens per request, in and out, each at most {@link #MAX_TOKENS_PER_REQUEST}. */
  private static Optional<Tokens> tokens(Problems p, String path, TokensSpec t) {
    boolean in = whole(p, path + ".input", t.input()) && atMost(p, path + ".input", t.input());
    boolean out = whole(p, path + ".output", t.output()) && atMost(p, path + ".output", t.output());
    return in && out ? Optional.of(new Tokens(t.input().amount(), t.output().amount())) : Optional.empty();
  }

  private static boolean atMost(Problems p, String path, Quantity q) {
    if (q.amount().compareTo(MAX_TOKENS_PER_REQUEST) > 0) {
      p.add(path, q + " is above " + plain(MAX_TOKENS_PER_REQUEST) + ", more tokens than any Claude model takes or "
          + "gives in one request (allowed: 1.." + plain(MAX_TOKENS_PER_REQUEST) + ")");
      return false;
    }
    return true;
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
