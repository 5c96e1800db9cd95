package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kubeconform {@code -strict} also rejects duplicated keys; this re-reads a file's text with duplicate detection. */
public final class DuplicateKeys {
  private static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

  private DuplicateKeys() {}

  /** The first duplicated key of a YAML file, as a message naming its line, or none. */
  static Optional<String> find(String yaml) {
    try (var it = STRICT_YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (it.hasNextValue()) {
        it.nextValue();
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      Matcher key = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      String what = key.find() ? "duplicate key \"" + key.group(1) + "\"" : String.valueOf(e.getOriginalMessage());
      return Optional.of("line " + (e.getLocation() != null ? e.getLocation().getLineNr() : 0) + ": " + what
          + " (kubeconform -strict rejects duplicated keys)");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
