package io.agentfleet.generate.spi;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A generator that builds the JSON tree of what a serializer writes, pruned as {@link YamlRenderer#toTree} prunes
 * it, directly: the usual way there buffers every token and parses the buffer back into a tree, then walks the tree
 * again to prune it. Nulls and the empty mappings and lists that mean nothing are never attached. Objects, lists,
 * text, booleans, nulls, ints and longs become the nodes the parse would make; any other value (a float, a big
 * number, binary or raw text: none in the Kubernetes model's objects) throws {@link Unsupported}, and the caller
 * takes the buffered way for that object. On the way it adds up an upper bound of the tree's JSON size (six bytes
 * a character, twenty a number), which a document's root mapping keeps ({@link SharingNodeFactory#rootNode}): the
 * size checks ask for it first, and count a tree's characters only when the bound passes their limit. The root also
 * keeps whether any text value may name a Service ({@link YamlRenderer#namesNoService}), for the same reason.
 */
final class TreeBuilder extends GeneratorBase {
  /** A value this builder leaves to the buffered way. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what, null, false, false);
    }

    /** Whether this is among the causes of {@code e} (a serializer wraps what it meets). */
    static boolean causes(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Unsupported) {
          return true;
        }
      }
      return false;
    }
  }

  private final JsonNodeFactory nodes;
  /** The texts and parts this thread met last, for a tree's node factory; else null. */
  private final SharingNodeFactory.Recent recent;
  /** {@link #nodes} when it is a tree's factory (which shares repeated texts and parts); else null. */
  private final SharingNodeFactory sharing;
  /**
   * The open mappings and lists, innermost last, each with the key it goes under in its parent (null in a list) and
   * the bound of its size so far.
   */
  private JsonNode[] open = new JsonNode[16];
  private String[] keys = new String[16];
  private long[] sizes = new long[16];
  private int depth;
  private String key;
  private JsonNode root;
  /** Whether a text value written so far may name a Service ({@link SharingNodeFactory.ServiceText}). */
  private boolean serviceText;

  TreeBuilder(ObjectCodec codec, JsonNodeFactory nodes) {
    super(0, codec, JsonWriteContext.createRootContext(null));
    this.nodes = nodes;
    this.sharing = nodes instanceof SharingNodeFactory tree ? tree : null;
    this.recent = sharing != null ? sharing.recent() : null;
  }

  /** The tree written, pruned; null before a whole value is written. */
  JsonNode root() {
    return root;
  }

  @Override
  public void writeStartObject() throws java.io.IOException {
    _verifyValueWrite("start an object");
    _writeContext = _writeContext.createChildObjectContext();
    push(depth == 0 && sharing != null ? sharing.rootNode() : nodes.objectNode());
  }

  @Override
  public void writeEndObject() {
    _writeContext = _writeContext.clearAndGetParent();
    pop();
  }

  @Override
  public void writeStartArray() throws java.io.IOException {
    _verifyValueWrite("start an array");
    _writeContext = _writeContext.createChildArrayContext();
    push(nodes.arrayNode());
  }

  @Override
  public void writeEndArray() {
    _writeContext = _writeContext.clearAndGetParent();
    pop();
  }

  @Override
  public void writeFieldName(String name) throws java.io.IOException {
    if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
      _reportError("a field name where a value is expected");
    }
    key = name;
  }

  @Override
  public void writeString(String text) throws java.io.IOException {
    if (text == null) {
      writeNull();
      return;
    }
    _verifyValueWrite("write a string");
    value(sharing != null ? sharing.textNode(text, recent) : nodes.textNode(text), 2 + 6L * text.length());
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws java.io.IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeNumber(int v) throws java.io.IOException {
    _verifyValueWrite("write a number");
    value(nodes.numberNode(v), NUMBER);
  }

  @Override
  public void writeNumber(long v) throws java.io.IOException {
    _verifyValueWrite("write a number");
    value(nodes.numberNode(v), NUMBER);
  }

  @Override
  public void writeBoolean(boolean state) throws java.io.IOException {
    _verifyValueWrite("write a boolean");
    value(nodes.booleanNode(state), 5);
  }

  @Override
  public void writeNull() throws java.io.IOException {
    _verifyValueWrite("write a null");
    // Pruned from a mapping; kept in a list, as the parse keeps it.
    if (depth == 0) {
      root = nodes.nullNode();
    } else if (open[depth - 1].isArray()) {
      ((ArrayNode) open[depth - 1]).addNull();
      sizes[depth - 1] += 1 + 4;
    }
  }

  @Override
  public void writeNumber(BigInteger v) {
    throw new Unsupported("a big integer");
  }

  @Override
  public void writeNumber(double v) {
    throw new Unsupported("a double");
  }

  @Override
  public void writeNumber(float v) {
    throw new Unsupported("a float");
  }

  @Override
  public void writeNumber(BigDecimal v) {
    throw new Unsupported("a big decimal");
  }

  @Override
  public void writeNumber(String encodedValue) {
    throw new Unsupported("a number as text");
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) {
    throw new Unsupported("raw UTF-8 text");
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) {
    throw new Unsupported("UTF-8 text");
  }

  @Override
  public void writeRaw(String text) {
    throw new Unsupported("raw text");
  }

  @Override
  public void writeRaw(String text, int offset, int len) {
    throw new Unsupported("raw text");
  }

  @Override
  public void writeRaw(char[] text, int offset, int len) {
    throw new Unsupported("raw text");
  }

  @Override
  public void writeRaw(char c) {
    throw new Unsupported("raw text");
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
    throw new Unsupported("binary data");
  }

  @Override
  public void flush() {
    // Nothing is buffered.
  }

  @Override
  protected void _releaseBuffers() {
    // Nothing is buffered.
  }

  @Override
  protected void _verifyValueWrite(String typeMsg) throws java.io.IOException {
    if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
      _reportError("cannot " + typeMsg + ", expecting a field name");
    }
  }

  /** The most characters a long takes in JSON. */
  private static final long NUMBER = 20;

  private void push(JsonNode container) {
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
      keys = Arrays.copyOf(keys, depth * 2);
      sizes = Arrays.copyOf(sizes, depth * 2);
    }
    open[depth] = container;
    keys[depth] = key;
    sizes[depth] = 2;
    depth++;
    key = null;
  }

  /** Closes the innermost container and attaches it, unless it is empty where emptiness means nothing. */
  private void pop() {
    depth--;
    JsonNode done = open[depth];
    String under = keys[depth];
    long size = sizes[depth];
    open[depth] = null;
    keys[depth] = null;
    if (depth == 0) {
      root = done;
      if (done instanceof SharingNodeFactory.SizedObjectNode sized) {
        sized.sizeBound = size;
        sized.namesNoService = !serviceText;
      }
      return;
    }
    JsonNode parent = open[depth - 1];
    if (sharing != null) {
      done = sharing.canonical(done, recent);
    }
    if (parent.isArray()) {
      ((ArrayNode) parent).add(done);
      sizes[depth - 1] += 1 + size;
    } else if (!done.isEmpty() || YamlRenderer.keepEmpty(under)) {
      ((ObjectNode) parent).set(under, done);
      sizes[depth - 1] += field(under) + size;
    }
  }

  private void value(JsonNode v, long size) {
    if (v instanceof SharingNodeFactory.ServiceText) {
      serviceText = true;
    }
    if (depth == 0) {
      root = v;
      return;
    }
    JsonNode parent = open[depth - 1];
    if (parent.isArray()) {
      ((ArrayNode) parent).add(v);
      sizes[depth - 1] += 1 + size;
    } else {
      ((ObjectNode) parent).set(key, v);
      sizes[depth - 1] += field(key) + size;
    }
  }

  /** A key's share of its mapping's size: the key quoted, its colon and a comma. */
  private static long field(String name) {
    return 2 + 6L * name.length() + 2;
  }
}
