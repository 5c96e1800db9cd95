package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM {@code kubeconform -strict -kubernetes-version X}: every document is validated against the schema found
 * at the first template that has one (Kubernetes first, then CRDs); a kind found nowhere is a problem. Compiled
 * schemas are kept per instance, keyed by their resolved location. Thread-safe.
 */
public final class SchemaValidator implements TreeValidator {
  /** How messages name the setting that supplies schemas when the caller does not say: the library's builder method. */
  public static final String LIBRARY_SETTING = "FleetGenerator.builder().schemaLocation(...)";
  private final SchemaLocation location;
  private final SchemaSource source;
  private final String setting;
  private final Map<String, Optional<JsonSchema>> compiled = new ConcurrentHashMap<>();
  private final Map<String, String> locations = new ConcurrentHashMap<>();

  /** A validator reading schemas as {@code schemaLocation} says (see {@link io.agentfleet.generate.validate.Validators#standard}). */
  public SchemaValidator(String schemaLocation, Path cacheDir) {
    this(schemaLocation, cacheDir, LIBRARY_SETTING);
  }

  /**
   * A validator reading schemas as {@code schemaLocation} says; {@code setting} is how problems name the setting
   * that supplies schemas ({@code agentfleet.schemaLocation} in the Maven plugin).
   */
  public SchemaValidator(String schemaLocation, Path cacheDir, String setting) {
    this.location = SchemaLocation.parse(schemaLocation, cacheDir);
    this.source = new SchemaSource(new DiskCache(location.cacheDir()));
    this.setting = setting;
  }

  @Override
  public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    SchemaOutage outage = new SchemaOutage();
    List<Problem> problems = new ArrayList<>();
    int documents = 0;
    for (Map.Entry<String, List<JsonNode>> file : tree.documents().entrySet()) {
      tree.parseProblem(file.getKey()).map(DuplicateKeys::describe)
          .ifPresent(msg -> problems.add(new Problem(file.getKey(), msg)));
      for (JsonNode doc : file.getValue()) {
        documents++;
        problems.addAll(check(file.getKey(), doc, version, outage));
      }
    }
    Optional<Problem> offline = outage.problem(documents, source.cache(), setting);
    offline.ifPresent(p -> problems.add(0, p));
    return problems;
  }

  /**
   * Loads and compiles the shipped schemas of these kinds ahead of validation. Only classpath schemas: a warm-up
   * never reaches the network or the disk cache, and a schema it cannot find is left for {@link #validate} to report.
   */
  @Override
  public void prepare(java.util.Collection<Map.Entry<String, String>> kinds, String kubernetesVersion) {
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    List<SchemaTemplate> templates = location.templates();
    for (Map.Entry<String, String> k : kinds) {
      ResourceType type = new ResourceType(k.getKey(), k.getValue());
      for (int i = 0; i < templates.size(); i++) {
        SchemaTemplate template = templates.get(i);
        if (!template.isClasspath()) {
          break;
        }
        String loc = locations.computeIfAbsent(i + "\u0000" + k.getKey() + "\u0000" + k.getValue() + "\u0000" + version,
            x -> template.render(type, version));
        Optional<JsonSchema> known = compiled.get(loc);
        if (known == null) {
          SchemaFetch fetch = source.fetch(template, loc, version, new SchemaOutage());
          if (fetch instanceof SchemaFetch.Unavailable) {
            break;
          }
          known = fetch instanceof SchemaFetch.Found f ? Optional.of(compile(f.schema(), loc)) : Optional.empty();
          compiled.putIfAbsent(loc, known);
        }
        if (known.isPresent()) {
          break;
        }
      }
    }
  }

  private List<Problem> check(String file, JsonNode doc, String version, SchemaOutage outage) {
    String kind = Json.text(doc, "kind");
    String apiVersion = Json.text(doc, "apiVersion");
    String name = Json.text(doc, "metadata", "name");
    String path = file + " " + (kind != null ? kind : "?") + "/" + (name != null ? name : "?");
    if (kind == null || apiVersion == null) {
      return List.of(new Problem(path, (kind == null ? "kind" : "apiVersion") + ": is required"));
    }
    ResourceType type = new ResourceType(apiVersion, kind);
    List<String> tried = new ArrayList<>();
    List<SchemaFetch.Unavailable> unavailable = new ArrayList<>();
    List<SchemaTemplate> templates = location.templates();
    for (int i = 0; i < templates.size(); i++) {
      SchemaTemplate template = templates.get(i);
      // One rendering per template and kind, not per document: a fleet has thousands of documents of a few kinds.
      String loc = locations.computeIfAbsent(i + "\u0000" + apiVersion + "\u0000" + kind + "\u0000" + version,
          k -> template.render(type, version));
      tried.add(loc);
      Optional<JsonSchema> known = compiled.get(loc);
      if (known == null) {
        SchemaFetch fetch = source.fetch(template, loc, version, outage);
        if (fetch instanceof SchemaFetch.Unavailable u) {
          unavailable.add(u);
          continue;
        }
        known = fetch instanceof SchemaFetch.Found f ? Optional.of(compile(f.schema(), loc)) : Optional.empty();
        Optional<JsonSchema> raced = compiled.putIfAbsent(loc, known);
        known = raced != null ? raced : known;
      }
      if (known.isPresent()) {
        return SchemaMessages.format(known.get().validate(doc), type).stream().map(m -> new Problem(path, m)).toList();
      }
    }
    if (!unavailable.isEmpty()) {
      outage.unchecked(unavailable);
      return List.of();
    }
    return List.of(new Problem(path, "no schema for " + type + " in " + String.join(", ", tried)
        + "; supply it with " + setting));
  }

  private static JsonSchema compile(JsonNode schema, String loc) {
    try {
      return SchemaCompiler.compile(schema);
    } catch (RuntimeException e) {
      throw new IllegalStateException("schema at " + loc + " cannot be compiled: " + e.getMessage(), e);
    }
  }
}
