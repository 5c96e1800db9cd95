package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The merge rule of {@code environments:}, on the YAML tree before binding: mappings merge key by key; the lists
 * {@code agents} and {@code subAgents} merge item by item by {@code id} (an id the shared list lacks is an error);
 * other lists and scalars replace. Every merged value keeps the line and column it has in the override, so that a
 * problem in it points there.
 */
final class Environments {
  /** The environments a fleet file may declare, in the order their trees are listed. */
  static final List<String> KNOWN = List.of("dev", "staging", "production");
  /** Lists whose items are merged by id, and what one item is called in messages. */
  private static final Map<String, String> BY_ID = Map.of("/agents", "agent", "/subAgents", "sub-agent");
  /** Fields every environment shares, with the reason they cannot differ. */
  private static final Map<String, String> SHARED = new LinkedHashMap<>();

  static {
    SHARED.put("/name", "cannot differ between environments: every name derives from it, and each environment other "
        + "than production gets the suffix -<environment> instead");
    SHARED.put("/environments", "environments do not nest");
    SHARED.put("/gitops/repository", "cannot differ between environments: the one Argo CD entry point "
        + "(argocd-environments.yaml) reads every environment's tree from one repository");
  }

  private Environments() {}

  /**
   * The overrides of each declared environment, in {@link #KNOWN} order (a null value when it declares none), after
   * checking the section's shape; problems name {@code environments.<env>...} at their place.
   */
  static Map<String, ObjectNode> overrides(JsonNode section, SourceMap whole, Problems problems) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (!section.isObject() || section.isEmpty()) {
      problems.add(new Problem("environments", "must map environment names (" + String.join(", ", KNOWN)
          + ") to the values that differ there ({} when none do)", Optional.of(whole.value("environments"))));
      return out;
    }
    Map<String, ObjectNode> found = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String env = e.getKey();
      String path = "environments." + env;
      if (!KNOWN.contains(env)) {
        String hint = Names.closest(env, KNOWN).map(s -> "; did you mean '" + s + "'?").orElse("");
        problems.add(new Problem(path, "unknown environment (known: " + String.join(", ", KNOWN) + ")" + hint,
            Optional.of(whole.key(path))));
        continue;
      }
      JsonNode value = e.getValue();
      if (value.isNull()) {
        found.put(env, null);
        continue;
      }
      if (!value.isObject()) {
        problems.add(new Problem(path, "must be a mapping of the fields that differ in " + env
            + " (name: value, as at the top of the file), or {} when none do", Optional.of(whole.value(path))));
        continue;
      }
      ObjectNode own = ((ObjectNode) value).deepCopy();
      SHARED.forEach((pointer, why) -> {
        JsonNode at = own.at(pointer);
        if (!at.isMissingNode()) {
          String p = path + pointer.replace('/', '.');
          problems.add(new Problem(p, why, Optional.of(whole.key(p))));
          int cut = pointer.lastIndexOf('/');
          JsonNode parent = cut == 0 ? own : own.at(pointer.substring(0, cut));
          ((ObjectNode) parent).remove(pointer.substring(cut + 1));
        }
      });
      found.put(env, own);
    }
    for (String env : KNOWN) {
      if (found.containsKey(env)) {
        out.put(env, found.get(env));
      }
    }
    return out;
  }

  /** What was read, without the {@code environments} section: the shared description. */
  static YamlTree.Result shared(YamlTree.Result read) {
    ObjectNode root = ((ObjectNode) read.root()).deepCopy();
    root.remove("environments");
    YamlTree.Places places = YamlTree.Places.later(() -> {
      Map<String, Location> values = new HashMap<>(read.values());
      Map<String, Location> keys = new HashMap<>(read.keys());
      values.keySet().removeIf(p -> under(p, "/environments"));
      keys.keySet().removeIf(p -> under(p, "/environments"));
      return YamlTree.Places.of(values, keys);
    });
    List<YamlTree.Refusal> refusals = read.refusals().stream().filter(r -> !under(r.parent(), "/environments")).toList();
    Set<String> merged = new TreeSet<>(read.merged());
    merged.removeIf(p -> under(p, "/environments"));
    return new YamlTree.Result(root, places, refusals, merged);
  }

  /** The shared description with one environment's values merged in, and the pointers of the values it replaced. */
  record Merged(YamlTree.Result read, Set<String> replaced) {}

  /**
   * Merges {@code own} (the values of {@code environments.<env>}) into {@code shared}; {@code original} holds the
   * places of the whole file. Ids the shared lists lack are reported, named by their place in the override.
   */
  static Merged merge(YamlTree.Result shared, ObjectNode own, String env, YamlTree.Result original, SourceMap whole,
      Problems problems) {
    ObjectNode root = ((ObjectNode) shared.root()).deepCopy();
    Merger m = new Merger(original, whole, problems);
    if (own != null) {
      m.object(root, own, "", "/environments/" + YamlTree.escape(env));
    }
    List<Move> moves = m.moves;
    YamlTree.Places places = YamlTree.Places.later(() -> {
      Map<String, Location> values = new HashMap<>(shared.values());
      Map<String, Location> keys = new HashMap<>(shared.keys());
      for (Move move : moves) {
        moveTo(values, original.values(), move.at(), move.from());
        moveTo(keys, original.keys(), move.at(), move.from());
      }
      return YamlTree.Places.of(values, keys);
    });
    return new Merged(new YamlTree.Result(root, places, shared.refusals(), shared.merged()), m.replaced);
  }

  /** A value replaced by an environment's own: the one at {@code at} now comes from {@code from}. */
  private record Move(String at, String from) {}

  /** The places under {@code at} are now those of the file's values under {@code from}. */
  private static void moveTo(Map<String, Location> places, Map<String, Location> file, String at, String from) {
    places.keySet().removeIf(p -> under(p, at));
    file.forEach((p, l) -> {
      if (under(p, from)) {
        places.put(at + p.substring(from.length()), l);
      }
    });
  }

  /** Merges {@code own} into {@code tree} by the same rule, without places (a spec after a preset). */
  static void mergeValues(ObjectNode tree, ObjectNode own) {
    new Merger(null, null, null).object(tree, own, "", "");
  }

  private static final class Merger {
    final YamlTree.Result original;
    final SourceMap whole;
    final Problems problems;
    final Set<String> replaced = new TreeSet<>();
    /** Each value replaced, in order: the merged tree's places are made from them when asked. */
    final List<Move> moves = new ArrayList<>();

    Merger(YamlTree.Result original, SourceMap whole, Problems problems) {
      this.original = original;
      this.whole = whole;
      this.problems = problems;
    }

    void object(ObjectNode base, ObjectNode own, String at, String from) {
      List<String> names = new ArrayList<>();
      own.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        if (k.equals("id") && BY_ID.containsKey(listOf(at))) {
          continue; // the id names the item changed; it is not a value of the environment's own
        }
        JsonNode mine = own.get(k);
        JsonNode theirs = base.get(k);
        String p = at + "/" + YamlTree.escape(k);
        String q = from + "/" + YamlTree.escape(k);
        if (theirs != null && theirs.isObject() && mine.isObject()) {
          object((ObjectNode) theirs, (ObjectNode) mine, p, q);
        } else if (BY_ID.containsKey(p) && mine.isArray()) {
          if (theirs == null || !theirs.isArray()) {
            theirs = base.putArray(k);
          }
          list((ArrayNode) theirs, (ArrayNode) mine, p, q, BY_ID.get(p), k);
        } else {
          base.set(k, mine.deepCopy());
          replace(p, q);
        }
      }
    }

    /** The pointer of the list an item pointer is in ({@code /subAgents/0} → {@code /subAgents}). */
    private static String listOf(String item) {
      int cut = item.lastIndexOf('/');
      return cut <= 0 ? "" : item.substring(0, cut);
    }

    void list(ArrayNode base, ArrayNode own, String at, String from, String what, String field) {
      for (int i = 0; i < own.size(); i++) {
        JsonNode item = own.get(i);
        JsonNode id = item.isObject() ? item.get("id") : null;
        String q = from + "/" + i;
        if (id == null || !id.isValueNode() || id.asText().isBlank()) {
          report(q, "must name the " + what + " it changes with id (an item here changes the " + what
              + " of that id in " + field + ")");
          continue;
        }
        int found = -1;
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < base.size(); j++) {
          JsonNode other = base.get(j).get("id");
          if (other != null) {
            ids.add(other.asText());
            if (other.asText().equals(id.asText())) {
              found = j;
            }
          }
        }
        if (found < 0) {
          String hint = Names.closest(id.asText(), ids).map(s -> "; did you mean '" + s + "'?").orElse("");
          report(q, "no " + what + " '" + id.asText() + "' in " + field + " (an environment changes the " + what
              + "s the fleet declares; add new ones to " + field + ")" + hint);
          continue;
        }
        object((ObjectNode) base.get(found), (ObjectNode) item, at + "/" + found, q);
      }
    }

    void report(String pointer, String message) {
      if (problems != null) {
        String path = whole.path(pointer);
        problems.add(new Problem(path, message, Optional.of(whole.value(path))));
      }
    }

    /** The value at {@code at} now comes from {@code from}: its places, and its children's, are the override's. */
    void replace(String at, String from) {
      replaced.add(at);
      if (original != null) {
        moves.add(new Move(at, from));
      }
    }
  }

  static boolean under(String pointer, String prefix) {
    return pointer.equals(prefix) || pointer.startsWith(prefix + "/");
  }
}
