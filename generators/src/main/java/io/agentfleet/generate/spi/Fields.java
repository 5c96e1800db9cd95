package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A JSON mapping's fields by position, for walks over every value of a tree (size counts, rendering): a mapping the
 * tree's node factory built is read in place, without the iterator, entry set and entry per field that
 * {@link JsonNode#properties()} makes; any other is copied once into arrays.
 */
public interface Fields {
  int count();

  String name(int i);

  JsonNode value(int i);

  /** The fields of a mapping node (none for any other node). */
  static Fields of(JsonNode node) {
    if (node instanceof SharingNodeFactory.SharedObjectNode shared && shared.indexed() != null) {
      return shared.indexed();
    }
    if (!node.isObject()) {
      return Copy.NONE;
    }
    String[] names = new String[node.size()];
    JsonNode[] values = new JsonNode[names.length];
    int i = 0;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      names[i] = e.getKey();
      values[i++] = e.getValue();
    }
    return new Copy(names, values);
  }

  /** A mapping's fields copied out of it. */
  record Copy(String[] names, JsonNode[] values) implements Fields {
    static final Copy NONE = new Copy(new String[0], new JsonNode[0]);

    @Override
    public int count() {
      return names.length;
    }

    @Override
    public String name(int i) {
      return names[i];
    }

    @Override
    public JsonNode value(int i) {
      return values[i];
    }
  }
}
