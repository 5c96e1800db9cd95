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

/** kubeconform {@code -strict} also rejects duplicated keys; the tree's one strict parse finds them, this names them. */
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
      return Optional.of(describe(e));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The message for a strict parse that failed: the duplicated key and its line. */
  static String describe(JsonProcessingException e) {
    {
      Matcher key = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      String what = key.find() ? "duplicate key \"" + key.group(1) + "\"" : String.valueOf(e.getOriginalMessage());
      return "line " + (e.getLocation() != null ? e.getLocation().getLineNr() : 0) + ": " + what
          + " (kubeconform -strict rejects duplicated keys)";
    }
  }
}
