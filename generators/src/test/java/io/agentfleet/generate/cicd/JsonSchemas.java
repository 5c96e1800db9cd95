package io.agentfleet.generate.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.YamlRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Validates YAML text against a draft-7 schema agentfleet ships in {@code other/} (workflow, kustomization …). */
public final class JsonSchemas {
  private JsonSchemas() {}

  public static Path other(String file) {
    return TestFleets.schemaFolder().resolve("other").resolve(file);
  }

  /** The messages of every failed check; empty when the text is valid. */
  public static List<String> problems(String schemaFile, String yaml) {
    try {
      JsonNode schemaNode = new ObjectMapper().readTree(other(schemaFile).toFile());
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
      List<JsonNode> docs = YamlRenderer.parse(yaml);
      if (docs.size() != 1) {
        return List.of("expected one YAML document, found " + docs.size());
      }
      return schema.validate(docs.get(0)).stream().map(ValidationMessage::getMessage).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
