package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidatorTypeCode;
import java.util.List;

/**
 * Compiles a Kubernetes or CRD schema (draft 4 style) for strict validation. Unknown formats ({@code int32},
 * {@code int64}, {@code byte}) are ignored, as kubeconform ignores them. Every object schema that lists properties and
 * neither sets {@code additionalProperties} nor {@code x-kubernetes-preserve-unknown-fields} is closed, which is
 * what the {@code -strict} Kubernetes schemas and the CRD catalog already do below the root; closing the root of CRD
 * schemas too (with apiVersion, kind and metadata allowed) also catches a misspelt top-level key such as {@code spce}.
 */
public final class SchemaCompiler {
  /** Kubernetes' vendor keywords and OpenAPI's nullable: they guide merges, server-side checks and clients, not structure. */
  private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-group-version-kind",
      "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
      "x-kubernetes-patch-merge-key", "x-kubernetes-patch-strategy", "x-kubernetes-preserve-unknown-fields",
      "x-kubernetes-unions", "x-kubernetes-validations", "x-kubernetes-embedded-resource",
      // OpenAPI's nullable (the External Secrets CRD uses it): kubeconform ignores it, and unknown it makes the
      // validator log a warning into every user's build.
      "nullable");
  private static final JsonMetaSchema PLAIN = JsonMetaSchema.builder(JsonMetaSchema.getV4())
      .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
      .build();
  /** The same, with the structural keywords remembering the parts they found valid ({@link RememberingKeyword}). */
  private static final JsonMetaSchema REMEMBERING = JsonMetaSchema.builder(PLAIN)
      .keyword(new RememberingKeyword(ValidatorTypeCode.PROPERTIES))
      .keyword(new RememberingKeyword(ValidatorTypeCode.ITEMS))
      .keyword(new RememberingKeyword(ValidatorTypeCode.ADDITIONAL_PROPERTIES))
      .build();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(REMEMBERING));
  private static final JsonSchemaFactory PLAIN_FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(PLAIN));
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .pathType(PathType.JSON_POINTER)
      .build();
  private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "patternProperties", "definitions");
  private static final List<String> COMPOSITIONS = List.of("allOf", "anyOf", "oneOf");

  private SchemaCompiler() {}

  /** A compiled, ready-to-use validator for the schema; the input node is not modified. */
  static JsonSchema compile(JsonNode schema) {
    return compile(schema, true);
  }

  /**
   * As {@link #compile(JsonNode)}; {@code remembering} false compiles the validator's own keywords only, which find
   * the same problems, each time from scratch (for tests holding the two to the same findings).
   */
  static JsonSchema compile(JsonNode schema, boolean remembering) {
    ObjectNode copy = schema.deepCopy();
    copy.remove("$schema");
    close(copy, true);
    allowObjectFields(copy);
    JsonSchema compiled = (remembering ? FACTORY : PLAIN_FACTORY).getSchema(copy, CONFIG);
    compiled.initializeValidators();
    return compiled;
  }

  private static void close(JsonNode node, boolean closable) {
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    if (closable && obj.path("properties").isObject() && !obj.has("additionalProperties")
        && !obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      obj.put("additionalProperties", false);
    }
    for (String key : SUBSCHEMA_MAPS) {
      obj.path(key).forEach(child -> close(child, true));
    }
    JsonNode items = obj.path("items");
    if (items.isArray()) {
      items.forEach(child -> close(child, true));
    } else {
      close(items, true);
    }
    close(obj.path("additionalProperties"), true);
    for (String key : COMPOSITIONS) {
      obj.path(key).forEach(branch -> close(branch, false));
    }
    close(obj.path("not"), false);
  }

  /** Every object may carry apiVersion, kind and metadata even where a CRD schema forgot to list them. */
  private static void allowObjectFields(ObjectNode root) {
    if (!(root.path("properties") instanceof ObjectNode props) || !root.path("additionalProperties").isBoolean()) {
      return;
    }
    allow(props, "apiVersion", "string");
    allow(props, "kind", "string");
    allow(props, "metadata", "object");
  }

  private static void allow(ObjectNode props, String name, String type) {
    if (!props.has(name)) {
      props.set(name, JsonNodeFactory.instance.objectNode().put("type", type));
    }
  }
}
