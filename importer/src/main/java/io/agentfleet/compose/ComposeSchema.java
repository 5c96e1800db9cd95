package io.agentfleet.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks a Compose file against the Compose specification's JSON schema (compose-spec.json), when one is given. */
final class ComposeSchema {
  private ComposeSchema() {}

  /** The problems of {@code root} against the Compose specification's schema, each named by {@code source} and path. */
  static List<String> check(JsonNode root, Path schemaFile, String source) {
    try {
      JsonNode schemaNode = new ObjectMapper().readTree(schemaFile.toFile());
      // compose-spec.json has a relative $id ("compose_spec.json") the validator refuses; its $refs are all local.
      if (schemaNode instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("$id");
      }
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
      List<String> found = new ArrayList<>();
      for (ValidationMessage m : schema.validate(root)) {
        String where = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        found.add(source + ": " + (where.isEmpty() ? "" : where + ": ") + m.getMessage().replaceFirst("^\\$[^:]*: ", ""));
      }
      found.sort(null);
      return found;
    } catch (IOException e) {
      throw new ComposeImportException("Cannot read the Compose schema", List.of(schemaFile + ": " + e.getMessage()));
    }
  }
}
