package io.agentfleet.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the reference of {@code fleet.yaml} from the model: a JSON Schema (for editors, through the
 * {@code # yaml-language-server: $schema=…} line) and {@code docs/fleet-reference.md} (every field, its type, its
 * default and the reason for it). The structure comes from {@link FleetSchema}; the descriptions from the Javadoc of
 * the model's accessors and of {@link Defaults}, read from the model's sources. The files are committed; a test
 * regenerates them and fails on any difference, and {@link #main} rewrites them.
 */
public final class FleetReference {
  /** Where the schema ships in the plugin jar, and its copy beside the example. */
  public static final List<String> SCHEMA_FILES =
      List.of("plugin/src/main/resources/agentfleet/fleet.schema.json", "examples/booking-agents/fleet.schema.json");
  public static final String REFERENCE_FILE = "docs/fleet-reference.md";

  /**
   * Defaults the resolver fills in for optional fields, by field path ({@code []} for any list entry), by
   * {@code Owner.field}, or by path ending ({@code .limits.cpu}): the names of the {@link Defaults} constants used.
   */
  static final Map<String, List<String>> RESOLVED_DEFAULTS = resolvedDefaults();

  /** Fields optional in their type but required where they stand: a sub-agent's requests are what it scales on. */
  static final Set<String> REQUIRED_HERE = Set.of("subAgents[].requests.cpu", "subAgents[].requests.memory");

  /** Text fields that name Kubernetes objects: DNS-1123 labels of at most this many characters. */
  static final Map<String, Integer> DNS_LABELS = Map.of(
      "FleetSpec.name", FleetResolver.MAX_NAME_LENGTH,
      "FleetSpec.namespace", 63,
      "FleetSpec.agentPrefix", FleetResolver.MAX_PREFIX_LENGTH,
      "AgentSpec.id", FleetResolver.MAX_ID_LENGTH,
      "SubAgentSpec.id", FleetResolver.MAX_ID_LENGTH);

  /** {@link Defaults} constants that are not the default of a field, and why. */
  static final Map<String, String> NOT_FIELDS = Map.of(
      "PRIORITY_PREEMPTS", "whether the fleet's PriorityClasses preempt (none does)",
      "POSTGRES_EXPORTER_IMAGE", "the PostgreSQL exporter sidecar of the statefulset database mode",
      "SUB_AGENT_PREFIX", "the sub-agents' workload name prefix",
      "AGENT_HTTP_PORT", "the agent contract's HTTP port",
      "AGENT_METRICS_PORT", "the agent contract's metrics port",
      "TOKEN_ALERT_OF_LIMIT", "the share of claude.limits.tokensPerDay at which the token alert fires when "
          + "monitoring.alerts.tokensPerDay is not given");

  private static final Pattern CONSTANT = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public static final [\\w<>.]+ ([A-Z_]+)\\s*=", Pattern.DOTALL);
  private final Path sources;
  private final Map<String, String> constantDocs;

  private FleetReference(Path modelSources) {
    this.sources = modelSources;
    this.constantDocs = new LinkedHashMap<>();
    Matcher m = CONSTANT.matcher(read(modelSources.resolve("Defaults.java")));
    while (m.find()) {
      constantDocs.put(m.group(2), clean(m.group(1)));
    }
  }

  /** A reference writer reading the Javadoc under {@code modelSources} (the folder of {@code Defaults.java}). */
  public static FleetReference from(Path modelSources) {
    return new FleetReference(modelSources);
  }

  /** The model's source folder inside the project at {@code root}. */
  public static Path modelSources(Path root) {
    return root.resolve("model/src/main/java/io/agentfleet/model");
  }

  /** Rewrites the schema copies and the field reference under the project root given as the first argument. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    FleetReference reference = from(modelSources(root));
    for (String file : SCHEMA_FILES) {
      Files.writeString(root.resolve(file), reference.jsonSchema(), StandardCharsets.UTF_8);
    }
    Files.writeString(root.resolve(REFERENCE_FILE), reference.markdown(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- one row per field

  /** One field at its place in the file, with everything the reference says about it. */
  record Row(String path, FleetSchema.Field field, String description, List<String> defaults, List<String> reasons) {}

  /** Every field of the file, depth first, in the order the model declares them. */
  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    walk(FleetSchema.root(), "", rows);
    return rows;
  }

  private void walk(FleetSchema.Shape shape, String path, List<Row> rows) {
    for (FleetSchema.Field f : shape.fields()) {
      String at = path.isEmpty() ? f.name() : path + "." + f.name();
      List<String> defaults = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      Optional<List<String>> resolved = resolvedDefault(at, f);
      if (resolved.isPresent()) {
        for (String constant : resolved.get()) {
          defaults.add(show(constantValue(constant), f, constant));
          reasons.add(constantDocs.getOrDefault(constant, ""));
        }
      } else {
        f.modelDefault().filter(v -> !(v instanceof Collection<?> c && c.isEmpty()))
            .filter(v -> f.shape().kind() != FleetSchema.Kind.OBJECT)
            .ifPresent(v -> defaults.add(show(v, f, null)));
        if (!defaults.isEmpty()) {
          defaultConstant(f).map(c -> constantDocs.getOrDefault(c, "")).ifPresent(reasons::add);
        }
      }
      String doc = javadoc(f.owner(), f.name());
      FleetSchema.Shape type = f.shape().kind() == FleetSchema.Kind.LIST ? f.shape().item() : f.shape();
      if (doc.isEmpty() && type.kind() == FleetSchema.Kind.OBJECT) {
        doc = typeDoc(type.javaType());
      }
      rows.add(new Row(at, f, doc, defaults, reasons));
      FleetSchema.Shape inner = f.shape().kind() == FleetSchema.Kind.LIST ? f.shape().item() : f.shape();
      if (inner.kind() == FleetSchema.Kind.OBJECT) {
        walk(inner, at + (f.shape().kind() == FleetSchema.Kind.LIST ? "[]" : ""), rows);
      }
    }
  }

  private static Optional<List<String>> resolvedDefault(String path, FleetSchema.Field f) {
    List<String> byPath = RESOLVED_DEFAULTS.get(path);
    if (byPath != null) {
      return Optional.of(byPath);
    }
    List<String> byOwner = RESOLVED_DEFAULTS.get(f.owner().getSimpleName() + "." + f.name());
    if (byOwner != null) {
      return Optional.of(byOwner);
    }
    return RESOLVED_DEFAULTS.entrySet().stream().filter(e -> e.getKey().startsWith(".") && path.endsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst();
  }

  private static Map<String, List<String>> resolvedDefaults() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("QuotaSpec.headroom", List.of("QUOTA_HEADROOM"));
    m.put("ScalingSpec.cpu", List.of("CPU_TARGET_PERCENT"));
    m.put("ScalingSpec.memory", List.of("MEMORY_TARGET_PERCENT"));
    m.put("ScalingSpec.requestsPerSecond", List.of("REQUESTS_PER_SECOND"));
    m.put("ScalingSpec.scaleDownAfter", List.of("SCALE_DOWN_AFTER"));
    m.put("ScalingSpec.scaleDownPodsPerMinute", List.of("SCALE_DOWN_PODS_PER_MINUTE"));
    m.put("ScalingSpec.autoscaler", List.of("AUTOSCALER"));
    m.put("SubAgentSpec.workspace", List.of("SUB_AGENT_WORKSPACE"));
    m.put("WorkerSpec.workspace", List.of("WORKER_WORKSPACE"));
    m.put("agents[].worker.requests.cpu", List.of("WORKER_REQUESTS"));
    m.put("agents[].worker.requests.memory", List.of("WORKER_REQUESTS"));
    for (String kind : List.of("frontend", "backend")) {
      String k = kind.toUpperCase(java.util.Locale.ROOT);
      m.put("agents[]." + kind + ".port", List.of(k + "_PORT"));
      m.put("agents[]." + kind + ".requests.cpu", List.of(k + "_REQUESTS"));
      m.put("agents[]." + kind + ".requests.memory", List.of(k + "_REQUESTS"));
      m.put("agents[]." + kind + ".healthPath", List.of(k + "_HEALTH_PATH"));
      m.put("agents[]." + kind + ".runAsUser", List.of(k + "_USER"));
    }
    m.put("database.requests.cpu", List.of("DATABASE_REQUESTS"));
    m.put("database.requests.memory", List.of("DATABASE_REQUESTS"));
    m.put(".limits.cpu", List.of("CPU_LIMIT_FACTOR"));
    m.put(".limits.memory", List.of("MEMORY_LIMIT_FACTOR"));
    m.put("DatabaseSpec.mode", List.of("DATABASE_MODE"));
    m.put("DatabaseSpec.instances", List.of("DATABASE_INSTANCES"));
    m.put("DatabaseSpec.storage", List.of("DATABASE_STORAGE"));
    m.put("DatabaseSpec.image", List.of("DATABASE_IMAGE_CLOUDNATIVE_PG", "DATABASE_IMAGE_STATEFULSET"));
    m.put("BackupsSpec.schedule", List.of("BACKUP_SCHEDULE"));
    m.put("BackupsSpec.retain", List.of("BACKUP_RETAIN"));
    m.put("NodeSpec.pods", List.of("NODE_PODS"));
    m.put("ClaudeSpec.overBudget", List.of("OVER_BUDGET"));
    return Map.copyOf(m);
  }

  private static Object constantValue(String name) {
    try {
      java.lang.reflect.Field f = Defaults.class.getField(name);
      if (!Modifier.isStatic(f.getModifiers())) {
        throw new IllegalStateException(name);
      }
      return f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Defaults." + name + " is named in FleetReference but does not exist", e);
    }
  }

  /** A default as a user would write it. */
  private static String show(Object value, FleetSchema.Field field, String constant) {
    String at = field.name();
    if (value instanceof Compute c) {
      return at.equals("memory") ? c.memory().map(Object::toString).orElse("")
          : at.equals("cpu") ? c.cpu().map(Object::toString).orElse("") : value.toString();
    }
    if (value instanceof BigDecimal factor) {
      return "the request × " + factor.stripTrailingZeros().toPlainString();
    }
    if (field.shape().javaType() == Percent.class && value instanceof Integer n) {
      return n + "%";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
    return value.toString();
  }

  /** The {@link Defaults} constant a {@code @Value.Default} accessor returns, read from its source. */
  private Optional<String> defaultConstant(FleetSchema.Field f) {
    String body = member(f.owner(), f.name()).map(Member::body).orElse("");
    Matcher m = Pattern.compile("return\\s+Defaults\\.([A-Z_]+)").matcher(body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  // ---------------------------------------------------------------- JSON Schema

  /** The JSON Schema (draft-07, which editors read best) of {@code fleet.yaml}. */
  public String jsonSchema() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "agentfleet fleet.yaml");
    root.put("description", "A fleet of AI coding agents, as agentfleet reads it. Generated from the model by "
        + "FleetReference; do not edit. Field reference: docs/fleet-reference.md.");
    Map<String, ObjectNode> definitions = new LinkedHashMap<>();
    ObjectNode top = object(FleetSchema.root(), "", definitions);
    top.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
    environments(root, top, definitions);
    ObjectNode defs = root.putObject("definitions");
    definitions.forEach(defs::set);
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
      return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code environments:} (read before binding, so not a model field): each known environment maps to a partial
   * fleet of the top-level shape; agents and sub-agents there need only the id of the one they change.
   */
  private static void environments(ObjectNode root, ObjectNode top, Map<String, ObjectNode> definitions) {
    ObjectNode partial = JsonNodeFactory.instance.objectNode();
    partial.putArray("type").add("object").add("null");
    partial.put("description", "The values that differ in this environment, in the shape of the top level; they "
        + "win over the environment's preset and the top level. Mappings merge key by key, agents and subAgents "
        + "item by item by id, other values replace.");
    ObjectNode properties = partial.putObject("properties");
    top.get("properties").fields().forEachRemaining(e -> {
      if (e.getKey().equals("name")) {
        return;
      }
      JsonNode item = e.getValue().path("items").path("$ref");
      if (e.getKey().equals("agents") || e.getKey().equals("subAgents")) {
        String def = item.asText().replace("#/definitions/", "");
        ObjectNode itemSchema = definitions.get(def).deepCopy();
        itemSchema.remove("required");
        itemSchema.putArray("required").add("id");
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("type", "array");
        list.set("items", itemSchema);
        properties.set(e.getKey(), list);
      } else {
        ObjectNode copy = e.getValue().deepCopy();
        properties.set(e.getKey(), copy);
      }
    });
    partial.put("additionalProperties", false);
    definitions.put("environment", partial);
    ObjectNode envs = ((ObjectNode) root.get("properties")).putObject("environments");
    envs.put("type", "object");
    envs.put("description", "The environments the fleet runs in (" + String.join(", ", Environments.KNOWN)
        + "), each with its own tree (generated/<environment>); production alone when absent.");
    ObjectNode each = envs.putObject("properties");
    Environments.KNOWN.forEach(env -> each.putObject(env).put("$ref", "#/definitions/environment"));
    envs.put("additionalProperties", false);
    envs.put("minProperties", 1);
  }

  private ObjectNode object(FleetSchema.Shape shape, String path, Map<String, ObjectNode> definitions) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "object");
    ObjectNode properties = node.putObject("properties");
    List<String> required = new ArrayList<>();
    // A type used in several places (Compute, ComponentSpec) states a default only where every place agrees.
    Map<String, Row> rows = new LinkedHashMap<>();
    Set<String> differ = new LinkedHashSet<>();
    for (Row r : rows()) {
      Row first = rows.putIfAbsent(r.field().owner().getName() + "#" + r.field().name(), r);
      if (first != null && !first.defaults().equals(r.defaults())) {
        differ.add(r.field().owner().getName() + "#" + r.field().name());
      }
    }
    differ.forEach(k -> rows.computeIfPresent(k, (key, r) -> new Row(r.path(), r.field(), r.description(), List.of(),
        List.of())));
    for (FleetSchema.Field field : shape.fields()) {
      ObjectNode p = schema(field.shape(), definitions);
      Integer label = DNS_LABELS.get(field.owner().getSimpleName() + "." + field.name());
      if (label != null) {
        p.put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        p.put("maxLength", label);
      }
      Row row = rows.get(field.owner().getName() + "#" + field.name());
      String text = describe(row);
      if (!text.isEmpty()) {
        p.put("description", text);
      }
      if (row != null && row.defaults().size() == 1 && field.shape().kind() != FleetSchema.Kind.OBJECT
          && !row.defaults().get(0).startsWith("the request")) {
        putDefault(p, field.shape(), row.defaults().get(0));
      }
      properties.set(field.name(), p);
      if (field.required()) {
        required.add(field.name());
      }
    }
    if (!required.isEmpty()) {
      ArrayNode r = node.putArray("required");
      required.forEach(r::add);
    }
    node.put("additionalProperties", false);
    return node;
  }

  private ObjectNode schema(FleetSchema.Shape shape, Map<String, ObjectNode> definitions) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode s = f.objectNode();
    switch (shape.kind()) {
      case OBJECT -> {
        String name = definitionName(shape.javaType());
        if (!definitions.containsKey(name)) {
          definitions.put(name, f.objectNode()); // reserve the name first: keeps the order of first use
          definitions.put(name, object(shape, "", definitions));
        }
        s.put("$ref", "#/definitions/" + name);
      }
      case LIST -> {
        s.put("type", "array");
        s.set("items", schema(shape.item(), definitions));
      }
      case MAP -> {
        s.put("type", "object");
        s.set("additionalProperties", schema(shape.item(), definitions));
      }
      case TEXT -> s.put("type", "string");
      case WHOLE -> {
        boolean isInt = shape.javaType() == Integer.class || shape.javaType() == int.class;
        s.put("type", "integer");
        s.put("minimum", isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
        s.put("maximum", isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
      }
      case BOOLEAN -> s.put("type", "boolean");
      case CHOICE -> {
        s.put("type", "string");
        ArrayNode values = s.putArray("enum");
        shape.choices().forEach(values::add);
      }
      case VALUE -> value(s, shape.javaType());
      default -> throw new IllegalStateException(shape.kind().toString());
    }
    return s;
  }

  /** Value classes: the forms their parsers read; ranges and cross-field rules stay with the resolver. */
  private static void value(ObjectNode s, Class<?> type) {
    ArrayNode types = s.putArray("type");
    if (type == Quantity.class) {
      types.add("string").add("number");
      s.put("pattern", "^\\s*([+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+)((Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE][+-]?[0-9]+)?\\s*$");
    } else if (type == Percent.class) {
      types.add("string").add("integer");
      s.put("pattern", "^\\s*[0-9]{1,4}\\s*%?\\s*$");
    } else if (type == Span.class) {
      types.add("string");
      s.put("pattern", "^\\s*([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?\\s*$");
      s.put("minLength", 2);
    } else if (type == ReplicaRange.class) {
      types.add("string").add("integer");
      s.put("pattern", "^\\s*-?[0-9]+\\s*(\\.\\.\\s*-?[0-9]+)?\\s*$");
    } else if (type == Role.class) {
      types.add("string");
      s.put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
      s.put("maxLength", Role.MAX_LENGTH);
      ArrayNode examples = s.putArray("examples");
      Role.presets().forEach(r -> examples.add(r.name()));
    } else if (type == EnvValue.class) {
      // Plain text, or a Secret reference { secret, key }.
      s.remove("type");
      ArrayNode any = s.putArray("oneOf");
      any.addObject().put("type", "string");
      ObjectNode ref = any.addObject();
      ref.put("type", "object");
      ref.put("additionalProperties", false);
      ref.putArray("required").add("secret").add("key");
      ObjectNode properties = ref.putObject("properties");
      properties.putObject("secret").put("type", "string");
      properties.putObject("key").put("type", "string");
      return;
    } else {
      throw new IllegalStateException("no schema for the value class " + type.getName());
    }
    if (types.size() == 1) {
      s.put("type", types.get(0).asText());
    }
  }

  private static void putDefault(ObjectNode p, FleetSchema.Shape shape, String value) {
    switch (shape.kind()) {
      case WHOLE -> p.put("default", Long.parseLong(value));
      case BOOLEAN -> p.put("default", Boolean.parseBoolean(value));
      case TEXT, CHOICE, VALUE -> p.put("default", value);
      default -> { }
    }
  }

  private static String definitionName(Class<?> type) {
    String name = type.getSimpleName();
    return name.endsWith("Spec") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
  }

  private static String describe(Row row) {
    if (row == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(row.description());
    if (!row.defaults().isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append("Default: ").append(String.join(" or ", row.defaults())).append('.');
      row.reasons().stream().filter(r -> !r.isEmpty()).forEach(r -> sb.append(' ').append(r));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- Markdown

  /** {@code docs/fleet-reference.md}: one table per top-level section. */
  /** The section on {@code environments:}, which is read before binding and so has no model field of its own. */
  private static final String ENVIRONMENTS = """

      ## `environments`

      | Field | Type | Default | Description |
      |---|---|---|---|
      | `environments` | mapping of `dev`, `staging`, `production` to a partial fleet (or `{}`) | — (production alone) | The environments the fleet runs in, each written to `generated/<environment>`. Another name is an error listing the known ones. |
      | `environments.<env>.*` | any top-level field but `name` (and `gitops.repository`) | — | The values that differ in that environment. |

      **Merge.** An environment's values are merged into the top level before the fleet is read: mappings merge key
      by key; `agents` and `subAgents` merge item by item by `id` (an id the top level lacks is an error:
      `environments.dev.subAgents[s9]: no sub-agent 's9' in subAgents`); other lists and single values replace. A
      problem in a value written for an environment points at that value (file:line:column) under
      `environments.<env>`. `name` and `gitops.repository` are the same in every environment (every name derives from
      the first; the one Argo CD entry point reads every tree from the second); `gitops.path` is one folder, so it
      cannot be set when several environments are declared.

      **Precedence**, lowest first: built-in default < `defaults:` < top-level value < the environment's preset <
      `environments.<env>` value. A value written for an environment always wins over its preset; the preset adjusts
      the shared description (that is what makes dev small although the top level states production's replicas).

      **Presets.** `production`: the fleet as written, replicas spread over nodes and zones. `staging` (parent
      production): sub-agent maxima halved (rounded up, never below the minimum), 2 PostgreSQL instances, backups
      kept. `dev`: one replica of every sub-agent, frontend and backend (so no HPA, ScaledObject or VPA), one
      PostgreSQL instance, no object-store backups, the requests of sub-agents, workers, frontends and backends
      halved (at least 100m CPU and 256Mi memory), no topology spread.

      **Names.** Production keeps the names it always had. Every other environment adds `-<env>` to the fleet's name
      and namespace, the monitoring and logging namespaces (unless listed in `externalNamespaces`) and
      `gitops.argocd.project` when given, so that environments share a cluster and an Argo CD without sharing an
      object; every object carries `agentfleet.io/environment: <env>`.
      """;

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("<!-- Generated by io.agentfleet.model.FleetReference from the model; do not edit. A test fails when it is\n")
        .append("     stale; rewrite it with: mvn -B -q -pl model test -Dtest=FleetReferenceTest -Dagentfleet.updateReference=true -->\n")
        .append("# fleet.yaml reference\n\n")
        .append("Every field of `fleet.yaml`, its type, its default and the reason for the default. Paths name list ")
        .append("entries `[]`. Fields marked **required** have no default. Editors that read JSON Schema complete and ")
        .append("check the file with [`fleet.schema.json`](../examples/booking-agents/fleet.schema.json) (also in the ")
        .append("plugin jar as `agentfleet/fleet.schema.json`): put `# yaml-language-server: $schema=./fleet.schema.json` ")
        .append("on the first line. Rules that span fields (a minimum above a maximum, a limit below its request, ")
        .append("unique ids, the fleet fitting its cluster) are checked when the fleet is read, not by the schema.\n");
    List<Row> rows = rows();
    table(md, "Top level", rows.stream().filter(r -> !r.path().contains(".")).toList());
    for (Row top : rows) {
      if (top.path().contains(".")) {
        continue;
      }
      List<Row> under = rows.stream().filter(r -> r.path().startsWith(top.path() + ".")
          || r.path().startsWith(top.path() + "[].")).toList();
      if (!under.isEmpty()) {
        table(md, "`" + top.path() + "`", under);
      }
    }
    md.append(ENVIRONMENTS);
    md.append("\n## Built-in values that are not fields\n\n");
    NOT_FIELDS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> md.append("- ")
        .append(e.getValue().substring(0, 1).toUpperCase(java.util.Locale.ROOT)).append(e.getValue().substring(1))
        .append(": `").append(constantValue(e.getKey())).append("`. ").append(constantDocs.getOrDefault(e.getKey(), ""))
        .append('\n'));
    return md.toString();
  }

  private static void table(StringBuilder md, String heading, List<Row> rows) {
    md.append("\n## ").append(heading).append("\n\n")
        .append("| Field | Type | Default | Description |\n")
        .append("|---|---|---|---|\n");
    for (Row row : rows) {
      md.append("| `").append(row.path()).append("` | ").append(cell(typeName(row.field().shape())))
          .append(" | ").append(cell(row.field().required() || REQUIRED_HERE.contains(row.path()) ? "**required**"
              : row.defaults().isEmpty() ? "—" : row.defaults().stream().map(d -> "`" + d + "`")
                  .collect(Collectors.joining(" or "))))
          .append(" | ").append(cell(describeCell(row))).append(" |\n");
    }
  }

  private static String describeCell(Row row) {
    StringBuilder sb = new StringBuilder(row.description());
    Set<String> reasons = new LinkedHashSet<>(row.reasons());
    reasons.remove("");
    if (!reasons.isEmpty()) {
      sb.append(sb.length() > 0 ? "<br>" : "").append("*Why the default:* ").append(String.join(" ", reasons));
    }
    return sb.toString();
  }

  private static String typeName(FleetSchema.Shape shape) {
    return switch (shape.kind()) {
      case OBJECT -> "mapping";
      case LIST -> "list of " + (shape.item().kind() == FleetSchema.Kind.OBJECT ? "mappings" : typeName(shape.item()));
      case MAP -> "mapping of names to " + typeName(shape.item());
      case TEXT -> "text";
      case WHOLE -> "whole number";
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + shape.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
      case VALUE -> valueName(shape.javaType());
    };
  }

  private static String valueName(Class<?> type) {
    if (type == Quantity.class) return "quantity (`500m`, `1.5`, `2Gi`)";
    if (type == Percent.class) return "percentage (`70%`)";
    if (type == Span.class) return "duration (`30s`, `5m`, `1h30m`, `14d`)";
    if (type == ReplicaRange.class) return "replicas (`3` or `1..8`)";
    if (type == EnvValue.class) return "text, or a Secret reference `{ secret, key }`";
    if (type == Role.class) return "role: a preset (" + Role.presets().stream().map(r -> "`" + r.name() + "`")
        .collect(Collectors.joining(", ")) + ") or your own DNS label";
    return type.getSimpleName();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  // ---------------------------------------------------------------- Javadoc from the sources

  private record Member(String doc, String body) {}

  private final Map<String, String> files = new LinkedHashMap<>();

  /** The Javadoc of a model interface itself. */
  private String typeDoc(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    String text = files.computeIfAbsent(top.getSimpleName(), n -> read(sources.resolve(n + ".java")));
    Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:public\\s+)?"
        + "interface\\s+" + type.getSimpleName() + "\\b", Pattern.DOTALL).matcher(text);
    return m.find() ? clean(m.group(1)) : "";
  }

  private String javadoc(Class<?> owner, String name) {
    return member(owner, name).map(Member::doc).map(FleetReference::clean).orElse("");
  }

  /** The Javadoc and body of accessor {@code name} declared directly in {@code owner} (not in a nested type). */
  private Optional<Member> member(Class<?> owner, String name) {
    Class<?> top = owner;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    String text = files.computeIfAbsent(top.getSimpleName(), n -> read(sources.resolve(n + ".java")));
    Matcher decl = Pattern.compile("\\binterface\\s+" + owner.getSimpleName() + "\\b[^{]*\\{").matcher(text);
    if (!decl.find()) {
      return Optional.empty();
    }
    String own = ownLevel(text, decl.end());
    Matcher m = Pattern.compile("(?:/\\*\\*((?:(?!\\*/).)*)\\*/\\s*)?(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
        + "(?:default\\s+)?[\\w<>, ?.]+\\s+" + name + "\\(\\)\\s*(;|\\{[^}]*\\})", Pattern.DOTALL).matcher(own);
    return m.find() ? Optional.of(new Member(m.group(1) == null ? "" : m.group(1), m.group(2))) : Optional.empty();
  }

  /** The text of one type body from {@code start}, with nested types cut out (method bodies kept). */
  private static String ownLevel(String text, int start) {
    StringBuilder sb = new StringBuilder();
    int boundary = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      int skip = skip(text, i);
      if (skip > i) {
        if (!text.startsWith("//", i)) {
          sb.append(text, i, skip);
        }
        i = skip;
        continue;
      }
      if (c == '}') {
        break;
      }
      if (c == '{') {
        int close = close(text, i);
        boolean type = Pattern.compile("\\b(interface|class|enum|record)\\s").matcher(
            sb.substring(boundary).replaceAll("(?s)/\\*.*?\\*/", "")).find();
        if (type) {
          sb.setLength(boundary);
        } else {
          sb.append(text, i, close + 1);
        }
        i = close + 1;
        boundary = sb.length();
        continue;
      }
      sb.append(c);
      if (c == ';') {
        boundary = sb.length();
      }
      i++;
    }
    return sb.toString();
  }

  /** The index after a comment or string literal starting at {@code i}, or {@code i} when none starts there. */
  private static int skip(String text, int i) {
    if (text.startsWith("/*", i)) {
      return text.indexOf("*/", i + 2) + 2;
    }
    if (text.startsWith("//", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end;
    }
    char c = text.charAt(i);
    if (c == '"' || c == '\'') {
      int end = i + 1;
      while (end < text.length() && text.charAt(end) != c) {
        end += text.charAt(end) == '\\' ? 2 : 1;
      }
      return end + 1;
    }
    return i;
  }

  /** The index of the brace closing the one at {@code open}. */
  private static int close(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); ) {
      int skip = skip(text, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = text.charAt(i);
      if (c == '{') depth++;
      if (c == '}' && --depth == 0) return i;
      i++;
    }
    return text.length() - 1;
  }

  /** Javadoc as one line of Markdown: leading stars gone, {@code x} as `x`, {@link A#b} as b. */
  static String clean(String doc) {
    String s = doc.lines().map(l -> l.replaceFirst("^\\s*\\*\\s?", "")).collect(Collectors.joining(" "));
    s = inlineCode(s);
    s = s.replaceAll("\\{@link (?:[\\w.]*#)?([\\w.]+)(?:\\(\\))?[^}]*\\}", "$1");
    return s.replaceAll("\\s+", " ").strip();
  }

  /** {@code x}, braces inside included, as `x`. */
  private static String inlineCode(String s) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (true) {
      int at = s.indexOf("{@code ", i);
      if (at < 0) {
        return sb.append(s.substring(i)).toString();
      }
      int depth = 1;
      int j = at + 7;
      for (; j < s.length() && depth > 0; j++) {
        if (s.charAt(j) == '{') depth++;
        if (s.charAt(j) == '}') depth--;
      }
      sb.append(s, i, at).append('`').append(s, at + 7, j - 1).append('`');
      i = j;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model source " + file, e);
    }
  }
}
