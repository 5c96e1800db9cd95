package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.agentfleet.model.FleetSchema.Field;
import io.agentfleet.model.FleetSchema.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet's canonical form ({@link FleetYaml#writeCanonical}): compact JSON holding what {@link FleetYaml#write}
 * writes (read as a JSON tree, it equals the writing mapper's tree of the spec), each object's fields in the
 * model's order and every mapping's entries by key, so that neither a comment nor a key's place in fleet.yaml changes
 * it and any value does. Written from the shapes {@link FleetSchema} reads from the model, the values read from the
 * Immutables classes' fields: Jackson's serializers for the spec classes took a third of a second of CPU to build in
 * a fresh JVM, which every run paid, a run that finds its tree up to date included (the fingerprint hashes this form).
 * As the writing mapper does ({@code NON_EMPTY}), it leaves out a field or an entry whose value is null, absent, or
 * an empty text, list or mapping; a value class is written as its {@code @JsonValue} gives it.
 */
final class CanonicalSpec {
  /** Characters gathered before they are encoded and handed to the stream. */
  private static final int FLUSH = 8192;

  private final OutputStream out;
  private final StringBuilder text = new StringBuilder(FLUSH + 256);

  private CanonicalSpec(OutputStream out) {
    this.out = out;
  }

  static void write(FleetSpec spec, OutputStream out) throws IOException {
    CanonicalSpec w = new CanonicalSpec(out);
    w.object(spec, FleetSchema.root());
    w.flush();
  }

  private void flush() throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }

  private void value(Object v, Shape shape) throws IOException {
    if (text.length() >= FLUSH) {
      flush();
    }
    switch (shape.kind()) {
      case OBJECT -> object(v, shape);
      case LIST -> list((Collection<?>) v, shape.item());
      case MAP -> map((Map<?, ?>) v, shape.item());
      case TEXT -> string((String) v);
      case WHOLE, BOOLEAN -> text.append(v);
      case CHOICE, VALUE -> plain(JSON_VALUE.get(v.getClass()).of(v));
    }
  }

  private void object(Object v, Shape shape) throws IOException {
    java.lang.reflect.Field[] fields = FIELDS.get(shape.javaType());
    text.append('{');
    boolean first = true;
    for (int i = 0; i < fields.length; i++) {
      Field f = shape.fields().get(i);
      Object value = read(fields[i], f, v);
      if (value instanceof Optional<?> o) {
        value = o.orElse(null);
      }
      if (empty(value)) {
        continue;
      }
      if (!first) {
        text.append(',');
      }
      first = false;
      string(f.name());
      text.append(':');
      value(value, f.shape());
    }
    text.append('}');
  }

  /** A field's value: from the Immutables class's field where {@code v} is one, else from the model's accessor. */
  private static Object read(java.lang.reflect.Field field, Field f, Object v) {
    try {
      if (field != null && field.getDeclaringClass() == v.getClass()) {
        return field.get(v);
      }
      return f.accessor().invoke(v);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + f.name() + " of " + v.getClass().getName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + f.name() + " of " + v.getClass().getName(), e.getCause());
    }
  }

  /** A list, each item of the {@code item} shape, or as a value class gave it when that is null. */
  private void list(Collection<?> items, Shape item) throws IOException {
    text.append('[');
    boolean first = true;
    for (Object v : items) {
      if (!first) {
        text.append(',');
      }
      first = false;
      if (v == null) {
        text.append("null");
      } else if (item == null) {
        plain(v);
      } else {
        value(v, item);
      }
    }
    text.append(']');
  }

  /** A mapping by key, each value of the {@code item} shape, or as a value class gave it when that is null. */
  private void map(Map<?, ?> map, Shape item) throws IOException {
    Object[] keys = map.keySet().toArray();
    Arrays.sort(keys, (a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    text.append('{');
    boolean first = true;
    for (Object key : keys) {
      Object value = map.get(key);
      if (empty(value)) {
        continue;
      }
      if (!first) {
        text.append(',');
      }
      first = false;
      string(String.valueOf(key));
      text.append(':');
      if (item == null) {
        plain(value);
      } else {
        value(value, item);
      }
    }
    text.append('}');
  }

  /** A value a value class gave: text, a number, a truth value, or a list or mapping of those. */
  private void plain(Object v) throws IOException {
    if (v instanceof String s) {
      string(s);
    } else if (v instanceof Number || v instanceof Boolean) {
      text.append(v);
    } else if (v instanceof Map<?, ?> m) {
      map(m, null);
    } else if (v instanceof Collection<?> c) {
      list(c, null);
    } else {
      plain(JSON_VALUE.get(v.getClass()).of(v));
    }
  }

  /** What the writing mapper's {@code NON_EMPTY} leaves out. */
  private static boolean empty(Object v) {
    return v == null || v instanceof String s && s.isEmpty() || v instanceof Collection<?> c && c.isEmpty()
        || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof Optional<?> o && o.isEmpty();
  }

  /** A JSON string: quote, backslash and control characters escaped, everything else as it is. */
  private void string(String s) {
    text.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (c < 0x20) {
        text.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
      } else {
        text.append(c);
      }
    }
    text.append('"');
  }

  /**
   * Per model interface, the Immutables class's field behind each of its {@link Shape#fields} (null where there is
   * none, and the accessor is called instead). Fields, not accessors: a reflective call compiles a class of its own
   * once an accessor has been called a few times, one per accessor in a large fleet.
   */
  private static final ClassValue<java.lang.reflect.Field[]> FIELDS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Field[] computeValue(Class<?> spec) {
      Shape shape = FleetSchema.object(spec);
      java.lang.reflect.Field[] fields = new java.lang.reflect.Field[shape.fields().size()];
      JsonDeserialize impl = spec.getAnnotation(JsonDeserialize.class);
      for (int i = 0; i < fields.length; i++) {
        try {
          java.lang.reflect.Field f = impl.as().getDeclaredField(shape.fields().get(i).accessor().getName());
          f.setAccessible(true);
          fields[i] = f;
        } catch (NoSuchFieldException | RuntimeException e) {
          fields[i] = null;
        }
      }
      return fields;
    }
  };

  /** How a value class or a choice is written: its {@code @JsonValue}, else an enum's name, else its text. */
  @FunctionalInterface
  private interface Written {
    Object of(Object v);
  }

  private static final ClassValue<Written> JSON_VALUE = new ClassValue<>() {
    @Override
    protected Written computeValue(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0
              && !Modifier.isStatic(m.getModifiers())) {
            m.setAccessible(true);
            return v -> {
              try {
                return m.invoke(v);
              } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot write a " + type.getName(), e);
              } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot write a " + type.getName(), e.getCause());
              }
            };
          }
        }
      }
      return type.isEnum() ? v -> ((Enum<?>) v).name() : String::valueOf;
    }
  };
}
