package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM {@code kubeconform -strict -kubernetes-version X}: every document is validated against the schema found
 * at the first template that has one (Kubernetes first, then CRDs); a kind found nowhere is a problem. Compiled
 * schemas are kept by their resolved location: those agentfleet ships (the classpath's, which cannot change under a
 * running JVM) once per JVM, shared by every instance, so the environments of one Maven run, or the runs of a
 * long-lived JVM, compile each once; any other per instance, as a folder or URL may answer differently tomorrow.
 * Thread-safe.
 */
public final class SchemaValidator implements TreeValidator {
  /** How messages name the setting that supplies schemas when the caller does not say: the library's builder method. */
  public static final String LIBRARY_SETTING = "FleetGenerator.builder().schemaLocation(...)";
  /** The shipped schemas compiled so far in this JVM, by location; what a classpath template finds. */
  private static final Map<String, Optional<JsonSchema>> SHIPPED = new ConcurrentHashMap<>();
  private final SchemaLocation location;
  private final SchemaSource source;
  private final String setting;
  private final Map<String, Optional<JsonSchema>> compiled = new ConcurrentHashMap<>();
  private final Map<LocationKey, String> locations = new ConcurrentHashMap<>();

  /** A template and a kind at a Kubernetes version: hashed from its parts, no string joined per document. */
  private record LocationKey(int template, String apiVersion, String kind, String version) {}
  /**
   * The messages of documents checked ahead ({@link #precheck}), by the document's identity (finished documents are
   * never changed), each taken back by the {@link #validate} that meets the document, which drops any left. A generation
   * that fails before validating leaves its entries here until the next one is prepared.
   */
  private final Map<JsonNode, Early> early = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

  /** A document's messages, found ahead against the schemas of one Kubernetes version. */
  private record Early(String version, List<String> messages) {}

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
    RememberingKeyword.newRound();
    try {
      return problems(tree, kubernetesVersion);
    } finally {
      // Nothing of this tree stays with the validator or the shared schemas once it is validated: a caller that
      // generates again and again in one JVM (a build tool's daemon, an editor) would keep every tree alive.
      early.clear();
      RememberingKeyword.endRound();
    }
  }

  private List<Problem> problems(RenderedTree tree, String kubernetesVersion) {
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    SchemaOutage outage = new SchemaOutage();
    List<Problem> problems = new ArrayList<>();
    int documents = 0;
    for (Map.Entry<String, List<JsonNode>> file : tree.documents().entrySet()) {
      tree.parseProblem(file.getKey()).map(DuplicateKeys::describe)
          .ifPresent(msg -> problems.add(new Problem(file.getKey(), msg)));
      for (JsonNode doc : file.getValue()) {
        documents++;
        Early known = early.remove(doc);
        if (known == null || !known.version().equals(version)) {
          problems.addAll(check(file.getKey(), doc, version, outage));
        } else if (!known.messages().isEmpty()) {
          String where = where(file.getKey(), doc);
          for (String message : known.messages()) {
            problems.add(new Problem(where, message));
          }
        }
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
    early.clear();
    RememberingKeyword.newRound();
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    List<SchemaTemplate> templates = location.templates();
    for (Map.Entry<String, String> k : kinds) {
      ResourceType type = new ResourceType(k.getKey(), k.getValue());
      for (int i = 0; i < templates.size(); i++) {
        SchemaTemplate template = templates.get(i);
        if (!template.isClasspath()) {
          break;
        }
        String loc = location(i, type, version);
        Optional<JsonSchema> known = cache(template).get(loc);
        if (known == null) {
          SchemaFetch fetch = source.fetch(template, loc, version, new SchemaOutage());
          if (fetch instanceof SchemaFetch.Unavailable) {
            break;
          }
          known = fetch instanceof SchemaFetch.Found f ? Optional.of(compile(f.schema(), loc)) : Optional.empty();
          cache(template).putIfAbsent(loc, known);
        }
        if (known.isPresent()) {
          break;
        }
      }
    }
  }

  /**
   * Validates a finished document ahead when its schema is one {@link #prepare} compiled from the classpath and
   * every template before it is a classpath one too: the schema {@link #check} would then find, with no fetch. Any
   * other document is left for {@link #validate}.
   */
  @Override
  public void precheck(JsonNode doc, String kubernetesVersion) {
    String kind = Json.text(doc, "kind");
    String apiVersion = Json.text(doc, "apiVersion");
    if (kind == null || apiVersion == null) {
      return;
    }
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    ResourceType type = new ResourceType(apiVersion, kind);
    List<SchemaTemplate> templates = location.templates();
    for (int i = 0; i < templates.size() && templates.get(i).isClasspath(); i++) {
      Optional<JsonSchema> known = cache(templates.get(i)).get(location(i, type, version));
      if (known == null) {
        return;
      }
      if (known.isPresent()) {
        early.put(doc, new Early(version, SchemaMessages.format(known.get().validate(doc), type)));
        return;
      }
    }
  }

  /** The compiled schema this validator would check a kind against now, if one is compiled (for tests). */
  Optional<JsonSchema> compiledSchema(String apiVersion, String kind, String kubernetesVersion) {
    String version = ResourceType.normalizeVersion(kubernetesVersion);
    ResourceType type = new ResourceType(apiVersion, kind);
    List<SchemaTemplate> templates = location.templates();
    for (int i = 0; i < templates.size(); i++) {
      Optional<JsonSchema> known = cache(templates.get(i)).get(location(i, type, version));
      if (known != null && known.isPresent()) {
        return known;
      }
    }
    return Optional.empty();
  }

  /** Where the schemas a template finds are kept once compiled: the JVM's for the shipped ones, else this instance's. */
  private Map<String, Optional<JsonSchema>> cache(SchemaTemplate template) {
    return template.isClasspath() ? SHIPPED : compiled;
  }

  /** The location of template {@code i} for a kind: rendered once per template and kind, not once per document. */
  private String location(int i, ResourceType type, String version) {
    return locations.computeIfAbsent(new LocationKey(i, type.apiVersion(), type.kind(), version),
        k -> location.templates().get(i).render(type, version));
  }

  /** How a problem names a document: its file, kind and name. */
  private static String where(String file, JsonNode doc) {
    String kind = Json.text(doc, "kind");
    String name = Json.text(doc, "metadata", "name");
    return file + " " + (kind != null ? kind : "?") + "/" + (name != null ? name : "?");
  }

  private List<Problem> check(String file, JsonNode doc, String version, SchemaOutage outage) {
    String kind = Json.text(doc, "kind");
    String apiVersion = Json.text(doc, "apiVersion");
    String path = where(file, doc);
    if (kind == null || apiVersion == null) {
      return List.of(new Problem(path, (kind == null ? "kind" : "apiVersion") + ": is required"));
    }
    ResourceType type = new ResourceType(apiVersion, kind);
    List<String> tried = new ArrayList<>();
    List<SchemaFetch.Unavailable> unavailable = new ArrayList<>();
    List<SchemaTemplate> templates = location.templates();
    for (int i = 0; i < templates.size(); i++) {
      SchemaTemplate template = templates.get(i);
      String loc = location(i, type, version);
      tried.add(loc);
      Optional<JsonSchema> known = cache(template).get(loc);
      if (known == null) {
        SchemaFetch fetch = source.fetch(template, loc, version, outage);
        if (fetch instanceof SchemaFetch.Unavailable u) {
          unavailable.add(u);
          continue;
        }
        known = fetch instanceof SchemaFetch.Found f ? Optional.of(compile(f.schema(), loc)) : Optional.empty();
        Optional<JsonSchema> raced = cache(template).putIfAbsent(loc, known);
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
