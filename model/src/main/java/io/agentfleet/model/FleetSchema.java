package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of {@code fleet.yaml}, read from the model's own types (the {@code @JsonProperty} attributes that
 * Immutables generates), so it cannot drift from what binding accepts. {@link FleetYaml} checks a file against it
 * before binding, to report every wrong shape at once; the JSON Schema and the field reference are written from it.
 */
public final class FleetSchema {
  /** What a value is in YAML terms. */
  public enum Kind {
    /** A mapping of known fields. */
    OBJECT,
    /** A list of one kind of value. */
    LIST,
    /** A mapping of free names to text values (labels). */
    MAP,
    TEXT,
    /** A whole number; the Java type bounds it. */
    WHOLE,
    BOOLEAN,
    /** One of a fixed set of words. */
    CHOICE,
    /** A value class read from text (and numbers, where it takes them) and checked by the resolver. */
    VALUE
  }

  /** One value shape; {@code fields} for objects, {@code item} for lists and maps, {@code choices} for choices. */
  public record Shape(Kind kind, Class<?> javaType, List<Field> fields, Shape item, List<String> choices) {
    /** The field called {@code name}, if this is an object that has one. */
    public Optional<Field> field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
  }

  /**
   * One field of an object: its name in YAML, its shape, whether it must be given, and the model accessor it binds
   * to ({@code owner} is the model interface).
   */
  public record Field(String name, Shape shape, boolean required, Class<?> owner, Method accessor) {
    /** The value the model uses when the field is absent and the model itself supplies one, if it does. */
    public Optional<Object> modelDefault() {
      if (required || !accessor.isDefault()) {
        return Optional.empty();
      }
      InvocationHandler handler = (proxy, method, args) -> {
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new IllegalStateException("no value for " + method.getName());
      };
      try {
        Object proxy = Proxy.newProxyInstance(owner.getClassLoader(), new Class<?>[] {owner}, handler);
        return Optional.ofNullable(accessor.invoke(proxy));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  private static final Map<Class<?>, Shape> OBJECTS = new LinkedHashMap<>();
  private static final Shape ROOT = object(FleetSpec.class);

  private FleetSchema() {}

  /** The shape of a whole fleet file. */
  public static Shape root() {
    return ROOT;
  }

  /** The shape of one model interface, e.g. {@code SubAgentSpec.class}. */
  public static synchronized Shape object(Class<?> spec) {
    Shape known = OBJECTS.get(spec);
    if (known != null) {
      return known;
    }
    Class<?> impl = spec.getAnnotation(JsonDeserialize.class).as();
    List<Field> fields = new ArrayList<>();
    // Immutables declares one field per attribute, in the order the interface declares them.
    for (java.lang.reflect.Field f : impl.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Method getter;
      try {
        getter = impl.getMethod(f.getName());
      } catch (NoSuchMethodException notAnAttribute) {
        continue;
      }
      JsonProperty property = getter.getAnnotation(JsonProperty.class);
      if (property == null) {
        continue;
      }
      Method accessor;
      try {
        accessor = spec.getMethod(f.getName());
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
      Type type = accessor.getGenericReturnType();
      boolean optional = type instanceof ParameterizedType pt && pt.getRawType() == Optional.class;
      Type inner = optional ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
      fields.add(new Field(property.value(), shape(inner), property.required(), spec, accessor));
    }
    Shape shape = new Shape(Kind.OBJECT, spec, List.copyOf(fields), null, List.of());
    OBJECTS.put(spec, shape);
    return shape;
  }

  private static Shape shape(Type type) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return new Shape(Kind.LIST, raw, List.of(), shape(args[0]), List.of());
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new Shape(Kind.MAP, raw, List.of(), shape(args[1]), List.of());
      }
      throw new IllegalStateException("no shape for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return scalar(Kind.TEXT, c);
    }
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return scalar(Kind.WHOLE, c);
    }
    if (c == Boolean.class || c == boolean.class) {
      return scalar(Kind.BOOLEAN, c);
    }
    if (c.isEnum()) {
      List<String> choices = Arrays.stream(c.getEnumConstants()).map(Object::toString).toList();
      return new Shape(Kind.CHOICE, c, List.of(), null, choices);
    }
    if (c.isInterface() && c.isAnnotationPresent(JsonDeserialize.class)) {
      return object(c);
    }
    return scalar(Kind.VALUE, c);
  }

  private static Shape scalar(Kind kind, Class<?> c) {
    return new Shape(kind, c, List.of(), null, List.of());
  }
}
