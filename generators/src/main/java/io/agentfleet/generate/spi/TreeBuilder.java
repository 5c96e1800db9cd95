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
import java.util.ArrayList;
import java.util.List;

/**
 * A generator that builds the JSON tree of what a serializer writes, pruned as {@link YamlRenderer#toTree} prunes
 * it, directly: the usual way there buffers every token and parses the buffer back into a tree, then walks the tree
 * again to prune it. Nulls and the empty mappings and lists that mean nothing are never attached. Objects, lists,
 * text, booleans, nulls, ints and longs become the nodes the parse would make; any other value (a float, a big
 * number, binary or raw text: none in the Kubernetes model's objects) throws {@link Unsupported}, and the caller
 * takes the buffered way for that object.
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
  /** The open mappings and lists, innermost last, each with the key it goes under in its parent (null in a list). */
  private final List<JsonNode> open = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private String key;
  private JsonNode root;

  TreeBuilder(ObjectCodec codec, JsonNodeFactory nodes) {
    super(0, codec, JsonWriteContext.createRootContext(null));
    this.nodes = nodes;
  }

  /** The tree written, pruned; null before a whole value is written. */
  JsonNode root() {
    return root;
  }

  @Override
  public void writeStartObject() throws java.io.IOException {
    _verifyValueWrite("start an object");
    _writeContext = _writeContext.createChildObjectContext();
    push(nodes.objectNode());
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
    value(nodes.textNode(text));
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws java.io.IOException {
    writeString(new String(text, offset, len));
  }

  @Override
  public void writeNumber(int v) throws java.io.IOException {
    _verifyValueWrite("write a number");
    value(nodes.numberNode(v));
  }

  @Override
  public void writeNumber(long v) throws java.io.IOException {
    _verifyValueWrite("write a number");
    value(nodes.numberNode(v));
  }

  @Override
  public void writeBoolean(boolean state) throws java.io.IOException {
    _verifyValueWrite("write a boolean");
    value(nodes.booleanNode(state));
  }

  @Override
  public void writeNull() throws java.io.IOException {
    _verifyValueWrite("write a null");
    // Pruned from a mapping; kept in a list, as the parse keeps it.
    if (!open.isEmpty() && open.get(open.size() - 1).isArray()) {
      ((ArrayNode) open.get(open.size() - 1)).addNull();
    } else if (open.isEmpty()) {
      root = nodes.nullNode();
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

  private void push(JsonNode container) {
    open.add(container);
    keys.add(key);
    key = null;
  }

  /** Closes the innermost container and attaches it, unless it is empty where emptiness means nothing. */
  private void pop() {
    JsonNode done = open.remove(open.size() - 1);
    String under = keys.remove(keys.size() - 1);
    if (open.isEmpty()) {
      root = done;
      return;
    }
    JsonNode parent = open.get(open.size() - 1);
    if (parent.isArray()) {
      ((ArrayNode) parent).add(done);
    } else if (!done.isEmpty() || YamlRenderer.keepEmpty(under)) {
      ((ObjectNode) parent).set(under, done);
    }
  }

  private void value(JsonNode v) {
    if (open.isEmpty()) {
      root = v;
      return;
    }
    JsonNode parent = open.get(open.size() - 1);
    if (parent.isArray()) {
      ((ArrayNode) parent).add(v);
    } else {
      ((ObjectNode) parent).set(key, v);
    }
  }
}
