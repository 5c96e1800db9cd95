package io.agentfleet.generate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Builds the documents of one tree with every equal key and text value held once, and, for trees built by
 * {@link TreeBuilder}, every equal mapping and list below a document's root ({@link #canonical}). A tree repeats the
 * same keys ({@code metadata}, {@code labels}, …), values (labels, images, names) and parts (security contexts,
 * probes, policy rules) across thousands of objects; built as they are read, each occurrence would be its own. Only
 * for documents nobody changes, which is how everything after freezing treats them ({@link ManifestTree#freeze}).
 * Several threads may build trees with one factory; each tree is built by one thread.
 */
final class SharingNodeFactory extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;
  private final transient Map<String, TextNode> texts = new java.util.concurrent.ConcurrentHashMap<>();
  private final transient Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

  SharingNodeFactory() {
    this(0);
  }

  /** A factory whose index of shared parts has room for {@code parts} of them before it grows. */
  SharingNodeFactory(int parts) {
    super(false);
    containers = new Parts(parts);
  }

  @Override
  public TextNode textNode(String text) {
    if (text == null) {
      return null;
    }
    TextNode known = texts.get(text);
    if (known == null) {
      TextNode made = text.contains(ServiceText.MARK) ? new ServiceText(text) : new SharedText(text);
      known = texts.putIfAbsent(text, made);
      if (known == null) {
        known = made;
      }
    }
    return known;
  }

  /**
   * As {@link #textNode(String)}, looking first among the texts this thread met last ({@link Recent}): most texts of a
   * document are ones the documents before it held too (keys' values, images, labels), found there without a look-up
   * in the whole tree's index, whose table a large tree spreads over megabytes.
   */
  TextNode textNode(String text, Recent recent) {
    int hash = text.hashCode();
    int slot = hash & (Recent.SLOTS - 1);
    TextNode known = recent.texts[slot];
    if (known != null) {
      String k = known.textValue();
      if (k == text || k.hashCode() == hash && k.equals(text)) {
        return known;
      }
    }
    known = textNode(text);
    recent.texts[slot] = known;
    return known;
  }

  /** This thread's {@link Recent} of this factory. */
  Recent recent() {
    return recents.computeIfAbsent(Thread.currentThread(), t -> new Recent());
  }

  /**
   * Each thread's {@link Recent}, held by the factory and so let go with it. Not a {@code ThreadLocal}: its value, held
   * by the thread, would reach its key through the nodes it holds (each node points at its factory, the factory at
   * the key), so a thread that outlives a generation (the caller's own, a build tool's daemon) would keep every tree
   * it froze alive.
   */
  private final transient Map<Thread, Recent> recents = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The texts and parts one thread met last, each in the slot its hash picks: a small table that stays in the
   * processor's cache, in front of the whole tree's indexes. A slot holds what the tree's index holds, so a text or
   * part found here is the one the index would give.
   */
  static final class Recent {
    static final int SLOTS = 4096;
    private final TextNode[] texts = new TextNode[SLOTS];
    private final JsonNode[] parts = new JsonNode[SLOTS];
    private final int[] partHashes = new int[SLOTS];
  }

  @Override
  public ObjectNode objectNode() {
    SmallMap map = new SmallMap(keys);
    return new SharedObjectNode(this, map, map);
  }

  @Override
  public ArrayNode arrayNode() {
    return new SharedArrayNode(this, new java.util.ArrayList<>());
  }

  @Override
  public ArrayNode arrayNode(int capacity) {
    return new SharedArrayNode(this, new java.util.ArrayList<>(capacity));
  }

  /**
   * A container of a frozen tree that keeps what {@link YamlEmitter} wrote for it, to write it again as it is: a
   * part shared by thousands of documents ({@link #canonical}) is written once per place it appears at, not once per
   * document. Read and set by any thread; what is kept never changes once made.
   */
  interface Rendered {
    /** What the emitter keeps for this container, or null. */
    Object rendered();

    void rendered(Object kept);
  }

  /** The one instance of each mapping and list finished so far below a document's root, by {@link Shape}. */
  private final transient Parts containers;

  /**
   * The instance of a finished mapping or list ({@link TreeBuilder}, below a document's root) that the tree already
   * holds, or this one, now held. The objects of a large fleet repeat most of their parts (a container's security
   * context and probes, a policy's rules, an autoscaler's behaviour), and each repetition would be its own nodes;
   * once frozen nothing changes a node, so equal parts can be one. Children are canonical already (a container is
   * finished after its children), so two containers are compared field by field, containers among their children
   * by identity. Looked for first among the parts this thread met last ({@link Recent}), then in the tree's index.
   */
  JsonNode canonical(JsonNode container, Recent recent) {
    Shape shape = new Shape(container);
    int slot = shape.hash & (Recent.SLOTS - 1);
    JsonNode known = recent.parts[slot];
    if (known != null && recent.partHashes[slot] == shape.hash && shape.matches(known)) {
      return known;
    }
    known = containers.intern(shape);
    recent.parts[slot] = known;
    recent.partHashes[slot] = shape.hash;
    return known;
  }

  /** Lets go the index of shared parts: the trees built keep their parts; later ones share none with them. */
  void forgetShapes() {
    containers.clear();
    recents.clear();
  }

  /**
   * The index of a tree's parts: each part's hash and node in two arrays, open addressing, in segments that threads
   * lock one at a time. A large tree holds hundreds of thousands of distinct parts from its first file to its last;
   * as a concurrent hash map's entries, each was two more objects (its key and its entry) that the collector copied
   * about with the tree, and a look-up chased both through the heap.
   */
  private static final class Parts {
    /** Segments, picked by a hash's top bits: enough that threads freezing side by side seldom meet in one. */
    private static final int SEGMENTS = 32;
    private final Segment[] segments = new Segment[SEGMENTS];

    Parts(int expected) {
      for (int i = 0; i < SEGMENTS; i++) {
        segments[i] = new Segment(expected / SEGMENTS);
      }
    }

    /** The node of {@code shape}'s part held already, or its own node, now held. */
    JsonNode intern(Shape shape) {
      int h = shape.hash * 0x9E3779B9; // spread: a part's hash is a sum of small products
      Segment segment = segments[h >>> (32 - 5)];
      synchronized (segment) {
        return segment.intern(shape, h);
      }
    }

    void clear() {
      for (int i = 0; i < SEGMENTS; i++) {
        synchronized (segments[i]) {
          segments[i].clear();
        }
      }
    }
  }

  /** One segment of {@link Parts}: linear probing, at most half full. */
  private static final class Segment {
    private int[] hashes;
    private JsonNode[] nodes;
    private int size;

    Segment(int expected) {
      int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
      hashes = new int[capacity];
      nodes = new JsonNode[capacity];
    }

    JsonNode intern(Shape shape, int spread) {
      int mask = nodes.length - 1;
      for (int i = spread & mask; ; i = (i + 1) & mask) {
        JsonNode held = nodes[i];
        if (held == null) {
          nodes[i] = shape.node;
          hashes[i] = shape.hash;
          if (++size * 2 > nodes.length) {
            grow();
          }
          return shape.node;
        }
        if (hashes[i] == shape.hash && shape.matches(held)) {
          return held;
        }
      }
    }

    private void grow() {
      int[] oldHashes = hashes;
      JsonNode[] oldNodes = nodes;
      hashes = new int[oldNodes.length * 2];
      nodes = new JsonNode[oldNodes.length * 2];
      int mask = nodes.length - 1;
      for (int j = 0; j < oldNodes.length; j++) {
        if (oldNodes[j] != null) {
          int i = (oldHashes[j] * 0x9E3779B9) & mask;
          while (nodes[i] != null) {
            i = (i + 1) & mask;
          }
          nodes[i] = oldNodes[j];
          hashes[i] = oldHashes[j];
        }
      }
    }

    void clear() {
      hashes = new int[8];
      nodes = new JsonNode[8];
      size = 0;
    }
  }

  /** A finished container as a key: its hash and its match from its fields, children as {@link #canonical} says. */
  private static final class Shape {
    private final JsonNode node;
    private final int hash;

    Shape(JsonNode node) {
      this.node = node;
      int h = node.isObject() ? 1 : 2;
      if (node instanceof SharedObjectNode shared && shared.indexed() != null) {
        Fields f = shared.indexed();
        for (int i = 0, n = f.count(); i < n; i++) {
          h = 31 * (31 * h + f.name(i).hashCode()) + hash(f.value(i));
        }
      } else if (node.isObject()) {
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          h = 31 * (31 * h + e.getKey().hashCode()) + hash(e.getValue());
        }
      } else {
        for (JsonNode child : node) {
          h = 31 * h + hash(child);
        }
      }
      this.hash = h;
    }

    private static int hash(JsonNode child) {
      return child.isContainerNode() ? System.identityHashCode(child) : child.hashCode();
    }

    private static boolean same(JsonNode a, JsonNode b) {
      return a == b || !a.isContainerNode() && !b.isContainerNode() && a.equals(b);
    }

    /** Whether {@code other} has this shape: the same fields or items, their values as {@link #same} says. */
    boolean matches(JsonNode other) {
      if (other.getNodeType() != node.getNodeType() || other.size() != node.size()) {
        return false;
      }
      Fields f = node instanceof SharedObjectNode a ? a.indexed() : null;
      Fields g = other instanceof SharedObjectNode b ? b.indexed() : null;
      if (f != null && g != null) {
        // Keys are the one instance of their text (SmallMap.put), so equal keys are the same.
        for (int i = 0, n = f.count(); i < n; i++) {
          if (f.name(i) != g.name(i) || !same(f.value(i), g.value(i))) {
            return false;
          }
        }
        return true;
      }
      if (node.isObject()) {
        java.util.Iterator<Map.Entry<String, JsonNode>> mine = node.fields();
        java.util.Iterator<Map.Entry<String, JsonNode>> theirs = other.fields();
        while (mine.hasNext()) {
          Map.Entry<String, JsonNode> a = mine.next();
          Map.Entry<String, JsonNode> b = theirs.next();
          if (!a.getKey().equals(b.getKey()) || !same(a.getValue(), b.getValue())) {
            return false;
          }
        }
        return true;
      }
      for (int i = 0; i < node.size(); i++) {
        if (!same(node.get(i), other.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /** A list node of this factory, which keeps what the emitter wrote for it ({@link Rendered}). */
  static final class SharedArrayNode extends ArrayNode implements Rendered {
    private static final long serialVersionUID = 1L;
    private transient volatile Object rendered;

    SharedArrayNode(JsonNodeFactory nodes, java.util.List<JsonNode> children) {
      super(nodes, children);
    }

    @Override
    public Object rendered() {
      return rendered;
    }

    @Override
    public void rendered(Object kept) {
      rendered = kept;
    }
  }

  /** A document's root mapping ({@link TreeBuilder}), with room for the bound of its JSON size. */
  ObjectNode rootNode() {
    SmallMap map = new SmallMap(keys);
    return new SizedObjectNode(this, map, map);
  }

  /**
   * A text value of a tree, the one node of its text ({@link #textNode}), which keeps how the emitter writes it: a
   * tree repeats its labels, names and images in every file, and the style is the text's alone, so it is decided
   * once per text, and found on the node rather than looked up by the text.
   */
  static class SharedText extends TextNode {
    private static final long serialVersionUID = 1L;
    /**
     * The emitter's style for this text, or null before it first wrote it. Threads may race to set it; each sets the
     * same value, and one that reads null decides it again.
     */
    private transient Object style;

    SharedText(String text) {
      super(text);
    }

    Object style() {
      return style;
    }

    void style(Object style) {
      this.style = style;
    }
  }

  /**
   * A text that may hold a Service's cluster DNS name ({@code <name>.<namespace>.svc}): told apart when the text is
   * first met, once per distinct text, so that a tree knows whether any of its values may name a Service without a
   * walk over them ({@link SizedObjectNode#namesNoService}).
   */
  static final class ServiceText extends SharedText {
    private static final long serialVersionUID = 1L;
    static final String MARK = ".svc";

    ServiceText(String text) {
      super(text);
    }
  }

  /**
   * A root mapping: {@link #sizeBound} is an upper bound of its JSON size once built, or -1; {@link #namesNoService}
   * is true once built when none of its text values holds {@code .svc} (false when not known).
   */
  static final class SizedObjectNode extends SharedObjectNode {
    private static final long serialVersionUID = 1L;
    transient long sizeBound = -1;
    transient boolean namesNoService;

    SizedObjectNode(JsonNodeFactory nodes, Map<String, JsonNode> children, SmallMap map) {
      super(nodes, children, map);
    }
  }

  /** A mapping node of this factory, whose fields {@link Fields#of} reads in place while they are few. */
  static class SharedObjectNode extends ObjectNode implements Rendered {
    private static final long serialVersionUID = 1L;
    private final transient SmallMap map;
    private transient volatile Object rendered;

    SharedObjectNode(JsonNodeFactory nodes, Map<String, JsonNode> children, SmallMap map) {
      super(nodes, children);
      this.map = map;
    }

    @Override
    public Object rendered() {
      return rendered;
    }

    @Override
    public void rendered(Object kept) {
      rendered = kept;
    }

    /** The fields by position, or null once the mapping outgrew its arrays (then it is read as any other). */
    Fields indexed() {
      return map.large == null ? map : null;
    }
  }

  /**
   * A mapping's fields in insertion order, each key the one instance of its text. Most mappings of a Kubernetes
   * object hold a handful of keys: up to {@value #SMALL} they sit in one array, name and value in turn, and are found
   * by a scan, with no entry object or hash table per key; a larger mapping moves into a {@link LinkedHashMap}.
   */
  static final class SmallMap extends AbstractMap<String, JsonNode> implements Fields {
    /**
     * Up to this many fields sit in the array. A pod spec or a container holds ten to fifteen, read by every rule and
     * check; found by a scan of interned keys by identity, they take a cache line or two, where a hash map's look-up
     * chases three references through a heap of hundreds of megabytes (at eight, those look-ups were 40 % of the
     * policy checks of a large fleet).
     */
    static final int SMALL = 16;
    private final transient Map<String, String> keys;
    /** Name and value of each field in turn: one array, not two (a large tree holds over a million mappings). */
    private Object[] slots = new Object[4];
    private int size;
    /**
     * One bit per field, picked by its name's hash (of 64): a look-up for a name whose bit is clear is a miss without
     * a scan. Most look-ups miss: a schema's {@code properties} asks a pod spec for each of its forty-odd fields, a
     * rule asks for fields a mapping does not have. Bits are never cleared (a removed field's stays, which only
     * costs a scan).
     */
    private long names;
    private LinkedHashMap<String, JsonNode> large;

    SmallMap(Map<String, String> keys) {
      this.keys = keys;
    }

    @Override
    public int count() {
      return size;
    }

    @Override
    public String name(int i) {
      return (String) slots[2 * i];
    }

    @Override
    public JsonNode value(int i) {
      return (JsonNode) slots[2 * i + 1];
    }

    /**
     * Where {@code key} is. Keys are held as the JVM's interned instance of their text, which is also what a string
     * literal in code is ({@code path("metadata")}), so a look-up by literal is found by identity; any other string is
     * compared by its cached hash first, then its text.
     */
    private int indexOf(Object key) {
      if (key instanceof String k && (names & (1L << k.hashCode())) == 0) {
        return -1;
      }
      Object[] n = slots;
      for (int i = 0; i < size; i++) {
        if (n[2 * i] == key) {
          return i;
        }
      }
      if (key instanceof String k) {
        int hash = k.hashCode();
        for (int i = 0; i < size; i++) {
          String name = (String) n[2 * i];
          if (name.hashCode() == hash && name.equals(k)) {
            return i;
          }
        }
      }
      return -1;
    }

    @Override
    public int size() {
      return large != null ? large.size() : size;
    }

    @Override
    public boolean containsKey(Object key) {
      return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
      if (large != null) {
        return large.get(key);
      }
      int i = indexOf(key);
      return i < 0 ? null : (JsonNode) slots[2 * i + 1];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
      String k = keys.get(key);
      if (k == null) {
        k = key.intern();
        String raced = keys.putIfAbsent(k, k);
        k = raced != null ? raced : k;
      }
      if (large != null) {
        return large.put(k, value);
      }
      int i = indexOf(k);
      if (i >= 0) {
        JsonNode old = (JsonNode) slots[2 * i + 1];
        slots[2 * i + 1] = value;
        return old;
      }
      if (size == SMALL) {
        large = new LinkedHashMap<>(32);
        for (int j = 0; j < size; j++) {
          large.put((String) slots[2 * j], (JsonNode) slots[2 * j + 1]);
        }
        slots = null;
        size = 0;
        return large.put(k, value);
      }
      if (2 * size == slots.length) {
        slots = Arrays.copyOf(slots, 2 * Math.min(SMALL, size * 2));
      }
      slots[2 * size] = k;
      slots[2 * size + 1] = value;
      names |= 1L << k.hashCode();
      size++;
      return null;
    }

    @Override
    public JsonNode remove(Object key) {
      if (large != null) {
        return large.remove(key);
      }
      int i = indexOf(key);
      if (i < 0) {
        return null;
      }
      JsonNode old = (JsonNode) slots[2 * i + 1];
      removeAt(i);
      return old;
    }

    private void removeAt(int i) {
      System.arraycopy(slots, 2 * i + 2, slots, 2 * i, 2 * (size - i - 1));
      size--;
      slots[2 * size] = null;
      slots[2 * size + 1] = null;
    }

    @Override
    public void clear() {
      if (large != null) {
        large.clear();
      } else {
        Arrays.fill(slots, null);
        size = 0;
        names = 0;
      }
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
      if (large != null) {
        return large.entrySet();
      }
      return new AbstractSet<>() {
        @Override
        public int size() {
          return large != null ? large.size() : size;
        }

        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
          if (large != null) {
            return large.entrySet().iterator();
          }
          return new Iterator<>() {
            private int next;
            private boolean removable;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Map.Entry<String, JsonNode> next() {
              if (next >= size) {
                throw new NoSuchElementException();
              }
              int at = next++;
              removable = true;
              return new Field(at);
            }

            @Override
            public void remove() {
              if (!removable) {
                throw new IllegalStateException();
              }
              removable = false;
              removeAt(--next);
            }
          };
        }
      };
    }

    /** A field seen through the map's arrays, so that {@code setValue} writes through. */
    private final class Field implements Map.Entry<String, JsonNode> {
      private final String key;
      private final int at;

      Field(int at) {
        this.at = at;
        this.key = (String) slots[2 * at];
      }

      @Override
      public String getKey() {
        return key;
      }

      @Override
      public JsonNode getValue() {
        return large != null ? large.get(key) : (JsonNode) slots[2 * at + 1];
      }

      @Override
      public JsonNode setValue(JsonNode value) {
        return put(key, value);
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && java.util.Objects.equals(getValue(), e.getValue());
      }

      @Override
      public int hashCode() {
        return key.hashCode() ^ java.util.Objects.hashCode(getValue());
      }

      @Override
      public String toString() {
        return key + "=" + getValue();
      }
    }
  }
}
