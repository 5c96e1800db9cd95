package io.agentfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a fleet tree that passed the shape check without a problem ({@link ShapeCheck}) to its spec, through the
 * model's builders, by the shapes {@link FleetSchema} reads from the model: what Jackson's binding makes of such a
 * tree, without building Jackson's view of the spec classes first (a quarter to a third of a second of a fresh JVM,
 * which a small fleet's whole run waited for). Any value it does not bind exactly as Jackson would (a tree the check
 * left with a problem, a value of another kind than the shape says) makes it give up, and {@link FleetYaml} binds
 * with Jackson, which reports what it meets. {@code SpecBinderTest} holds the two to each other.
 */
final class SpecBinder {
  private SpecBinder() {}

  /** Thrown inside the binder for a value it leaves to Jackson. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  /** The spec of {@code tree}, or empty when Jackson is to bind it. */
  static Optional<FleetSpec> bind(ObjectNode tree) {
    try {
      return Optional.of((FleetSpec) object(tree, FleetSchema.root()));
    } catch (GiveUp leftToJackson) {
      return Optional.empty();
    }
  }

  private static Object value(JsonNode node, FleetSchema.Shape shape) {
    return switch (shape.kind()) {
      case OBJECT -> object(node, shape);
      case LIST -> {
        if (!node.isArray()) {
          throw GiveUp.INSTANCE;
        }
        List<Object> items = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          items.add(value(item, shape.item()));
        }
        yield items;
      }
      case MAP -> {
        if (!node.isObject()) {
          throw GiveUp.INSTANCE;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          entries.put(e.getKey(), value(e.getValue(), shape.item()));
        }
        yield entries;
      }
      case TEXT -> {
        if (!node.isTextual()) {
          throw GiveUp.INSTANCE;
        }
        yield node.textValue();
      }
      case WHOLE -> {
        if (!node.isIntegralNumber()) {
          throw GiveUp.INSTANCE;
        }
        Class<?> type = shape.javaType();
        if (type == Long.class || type == long.class) {
          yield node.longValue();
        }
        if (!node.canConvertToInt()) {
          throw GiveUp.INSTANCE;
        }
        yield node.intValue();
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw GiveUp.INSTANCE;
        }
        yield node.booleanValue();
      }
      case CHOICE -> {
        if (!node.isTextual()) {
          throw GiveUp.INSTANCE;
        }
        yield Creators.of(shape.javaType()).fromText(node.textValue());
      }
      case VALUE -> valueClass(node, shape.javaType());
    };
  }

  /**
   * A value class as Jackson reads it: text through its text creator, a whole number through its {@code int} creator
   * (else its {@code double} one), a decimal through its {@code double} creator, a Secret reference through
   * {@link EnvValue#fromSecret}.
   */
  private static Object valueClass(JsonNode node, Class<?> type) {
    Creators creators = Creators.of(type);
    if (node.isTextual()) {
      return creators.fromText(node.textValue());
    }
    if (type == EnvValue.class && node.isObject() && node.size() == 2 && node.path("secret").isTextual()
        && node.path("key").isTextual()) {
      return EnvValue.fromSecret(node.get("secret").textValue(), node.get("key").textValue());
    }
    if (node.isInt() && creators.fromInt != null) {
      return call(creators.fromInt, null, node.intValue());
    }
    if ((node.isInt() || node.isFloatingPointNumber()) && creators.fromDouble != null) {
      return call(creators.fromDouble, null, node.doubleValue());
    }
    throw GiveUp.INSTANCE;
  }

  private static Object object(JsonNode node, FleetSchema.Shape shape) {
    if (!node.isObject()) {
      throw GiveUp.INSTANCE;
    }
    Builder builder = Builder.of(shape);
    Object b = builder.create();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Setter setter = builder.setters.get(e.getKey());
      if (setter == null || e.getValue().isNull()) {
        throw GiveUp.INSTANCE;
      }
      setter.set(b, value(e.getValue(), setter.field.shape()));
    }
    return builder.build(b);
  }

  /** How one field of a model type is set on its builder. */
  private record Setter(FleetSchema.Field field, Method set) {
    void set(Object builder, Object value) {
      call(set, builder, value);
    }
  }

  /**
   * Calls a builder's or a value class's method; one that refuses its argument (a null in a list, a required field
   * missing, a check of the model's own) leaves the tree to Jackson's binding, which reports it.
   */
  private static Object call(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw GiveUp.INSTANCE;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Immutables builder of a model type: how to make one, set each field by its name in YAML, and build. */
  private static final class Builder {
    private static final ClassValue<Builder> BUILDERS = new ClassValue<>() {
      @Override
      protected Builder computeValue(Class<?> spec) {
        return new Builder(FleetSchema.object(spec));
      }
    };

    private final Method create;
    private final Method build;
    private final Map<String, Setter> setters = new LinkedHashMap<>();

    static Builder of(FleetSchema.Shape shape) {
      return BUILDERS.get(shape.javaType());
    }

    private Builder(FleetSchema.Shape shape) {
      try {
        Class<?> impl = shape.javaType().getAnnotation(
            com.fasterxml.jackson.databind.annotation.JsonDeserialize.class).as();
        create = impl.getMethod("builder");
        Class<?> type = create.getReturnType();
        build = type.getMethod("build");
        for (FleetSchema.Field f : shape.fields()) {
          setters.put(f.name(), new Setter(f, setter(type, f)));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no builder for " + shape.javaType(), e);
      }
    }

    /**
     * The builder method that sets a field from the value the binder makes: for an optional field the one taking
     * the value itself, for a list the one taking all items, for a map the one taking all entries.
     */
    private static Method setter(Class<?> builder, FleetSchema.Field f) throws NoSuchMethodException {
      String name = f.accessor().getName();
      Class<?> wanted = switch (f.shape().kind()) {
        case LIST -> Iterable.class;
        case MAP -> Map.class;
        default -> null;
      };
      Method found = null;
      for (Method m : builder.getMethods()) {
        if (!m.getName().equals(name) || m.getParameterCount() != 1 || Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        Class<?> param = m.getParameterTypes()[0];
        boolean fits = wanted != null ? param == wanted : !param.getName().startsWith("java.util.Optional");
        if (fits) {
          if (found != null) {
            throw new NoSuchMethodException("two setters " + name + " on " + builder);
          }
          found = m;
        }
      }
      if (found == null) {
        throw new NoSuchMethodException(name + " on " + builder);
      }
      return found;
    }

    Object create() {
      return call(create, null);
    }

    Object build(Object builder) {
      return call(build, builder);
    }
  }

  /** The creators Jackson calls for a value class or choice: from text, and from a whole or decimal number. */
  private static final class Creators {
    private static final ClassValue<Creators> CREATORS = new ClassValue<>() {
      @Override
      protected Creators computeValue(Class<?> type) {
        return new Creators(type);
      }
    };

    private final Method fromText;
    private final Method fromInt;
    private final Method fromDouble;

    static Creators of(Class<?> type) {
      return CREATORS.get(type);
    }

    private Creators(Class<?> type) {
      Method text = null;
      Method whole = null;
      Method decimal = null;
      for (Method m : type.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1
            || !m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonCreator.class)) {
          continue;
        }
        Class<?> param = m.getParameterTypes()[0];
        if (param == String.class) {
          text = m;
        } else if (param == int.class) {
          whole = m;
        } else if (param == double.class) {
          decimal = m;
        }
      }
      fromText = text;
      fromInt = whole;
      fromDouble = decimal;
    }

    Object fromText(String text) {
      if (fromText == null) {
        throw GiveUp.INSTANCE;
      }
      return call(fromText, null, text);
    }
  }
}
