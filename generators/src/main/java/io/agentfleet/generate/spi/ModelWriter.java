package io.agentfleet.generate.spi;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Writes a Kubernetes model object (fabric8's) to a generator token for token as {@link YamlRenderer}'s mapper
 * writes it, without the mapper's introspection of each class: that builds a serializer per class from everything
 * Jackson can find on it (fields, getters, setters, creators, their annotations and generic types), some 2.5 ms a
 * class while the JVM is cold, and a run meets about a hundred and fifty classes before it writes its first file.
 * Here a class's plan is read from what fabric8's generated classes declare and Jackson's rules make of it: the
 * fields named by {@code @JsonProperty}, in the order of the class's {@code @JsonPropertyOrder}, each left out when
 * null or, under {@code @JsonInclude(NON_EMPTY)}, empty.
 *
 * <p>A class whose declarations this plan does not cover exactly (any other Jackson annotation on the class or a field,
 * a property the order does not list, a superclass), additional properties with a key that is not text, and
 * every value that is not text, an int, a long, a boolean, a list, a mapping with text keys or such a class, is
 * written by the mapper itself, in place: so the tokens are always the mapper's, and only their making is faster
 * where it can be. {@code ModelWriterTest} holds the two to the same tokens for every class of the Kubernetes model
 * the project depends on, and each planned class's methods to nothing Jackson would write ({@link #methodsDisagree}).
 */
final class ModelWriter {
  private final ObjectMapper mapper;

  ModelWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes one value; null as a null token. */
  void write(Object value, JsonGenerator g) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      write(value, HOW.get(value.getClass()), g);
    }
  }

  /** Writes a value that is not null, {@code how} its class's entry in {@link #HOW}. */
  private void write(Object value, Object how, JsonGenerator g) throws IOException {
    if (how instanceof Plan plan) {
      if (!plan.write(this, value, g)) {
        mapper.writeValue(g, value);
      }
    } else if (how == Shape.TEXT) {
      g.writeString((String) value);
    } else if (how == Shape.INT) {
      g.writeNumber(((Integer) value).intValue());
    } else if (how == Shape.LONG) {
      g.writeNumber(((Long) value).longValue());
    } else if (how == Shape.BOOLEAN) {
      g.writeBoolean((Boolean) value);
    } else if (how == Shape.LIST) {
      Collection<?> list = (Collection<?>) value;
      g.writeStartArray(list, list.size());
      for (Object item : list) {
        write(item, g);
      }
      g.writeEndArray();
    } else if (how != Shape.MAP || !writeMap((Map<?, ?>) value, g)) {
      mapper.writeValue(g, value);
    }
  }

  private static final Map.Entry<?, ?>[] NO_ENTRIES = new Map.Entry<?, ?>[0];
  private static final java.util.Comparator<Map.Entry<?, ?>> BY_KEY =
      (a, b) -> ((String) a.getKey()).compareTo((String) b.getKey());

  /**
   * A mapping as the mapper writes it with its entries ordered by key: a sorted map in its own order, any other by
   * its keys' natural order; null values written as nulls, as the mapper writes them (its non-null inclusion is for
   * properties, not a mapping's values; the tree leaves them out). False, having written nothing, for a mapping with
   * a key that is not text.
   */
  private boolean writeMap(Map<?, ?> map, JsonGenerator g) throws IOException {
    Map.Entry<?, ?>[] entries = entries(map);
    if (entries == null) {
      return false;
    }
    g.writeStartObject(map);
    writeEntries(entries, false, g);
    g.writeEndObject();
    return true;
  }

  /** A mapping's entries in the order the mapper writes them; null when a key is not text. */
  private static Map.Entry<?, ?>[] entries(Map<?, ?> map) {
    Map.Entry<?, ?>[] entries = map.entrySet().toArray(NO_ENTRIES);
    for (Map.Entry<?, ?> e : entries) {
      if (!(e.getKey() instanceof String)) {
        return null;
      }
    }
    if (entries.length > 1 && !(map instanceof SortedMap<?, ?>)) {
      java.util.Arrays.sort(entries, BY_KEY);
    }
    return entries;
  }

  /** Entries as fields; those with a null value left out if {@code skipNulls} (as the any-getter leaves them). */
  private void writeEntries(Map.Entry<?, ?>[] entries, boolean skipNulls, JsonGenerator g) throws IOException {
    for (Map.Entry<?, ?> e : entries) {
      if (e.getValue() != null || !skipNulls) {
        g.writeFieldName((String) e.getKey());
        write(e.getValue(), g);
      }
    }
  }

  /** What Jackson's {@code NON_EMPTY} leaves out besides null: an empty list, mapping, text or array. */
  private static boolean empty(Object value, Object how) {
    if (how == Shape.TEXT) {
      return ((String) value).isEmpty();
    }
    if (how == Shape.LIST) {
      return ((Collection<?>) value).isEmpty();
    }
    if (how == Shape.MAP) {
      return ((Map<?, ?>) value).isEmpty();
    }
    return value.getClass().isArray() && java.lang.reflect.Array.getLength(value) == 0;
  }

  /** How the values of a class that is not a model class are written. */
  private enum Shape {
    TEXT, INT, LONG, BOOLEAN, LIST, MAP
  }

  /**
   * How a class's values are written: a {@link Shape}, a model class's {@link Plan}, or, for the mapper, why not.
   * Looked up once per value, instead of asking a value which interfaces it has (each such question a search of
   * its class's interfaces where the JVM's one-entry cache of the last answer misses).
   */
  private static final ClassValue<Object> HOW = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      if (type == String.class) {
        return Shape.TEXT;
      } else if (type == Integer.class) {
        return Shape.INT;
      } else if (type == Long.class) {
        return Shape.LONG;
      } else if (type == Boolean.class) {
        return Shape.BOOLEAN;
      } else if (type.getName().startsWith("java.util.") && Collection.class.isAssignableFrom(type)) {
        return Shape.LIST;
      } else if (type.getName().startsWith("java.util.") && Map.class.isAssignableFrom(type)) {
        return Shape.MAP;
      }
      try {
        return Plan.of(type);
      } catch (Unplanned e) {
        return e.getMessage();
      }
    }
  };

  /** Null when {@code type}'s objects are written here, else why the mapper writes them. */
  static String unplannedBecause(Class<?> type) {
    return HOW.get(type) instanceof String why ? why : null;
  }

  /**
   * Null when Jackson would find nothing on a planned class's methods beyond its fields (see
   * {@link Plan#gettersAsFields}), else what. The plan reads fields and annotations only: listing a class's methods
   * loads every type they name, and fabric8's model classes name their builders ({@code edit()}, {@code toBuilder()}),
   * which would load two hundred builder classes a run never uses. The build asks this of every class of the model
   * instead ({@code ModelWriterTest}).
   */
  static String methodsDisagree(Class<?> type) {
    if (!(HOW.get(type) instanceof Plan plan)) {
      return "not planned";
    }
    try {
      Plan.gettersAsFields(type, Set.of(plan.names), plan.additional);
      return null;
    } catch (Unplanned e) {
      return e.getMessage();
    }
  }

  /** Why a class's objects are left to the mapper. */
  private static final class Unplanned extends Exception {
    private static final long serialVersionUID = 1L;

    Unplanned(String why) {
      super(why, null, false, false);
    }
  }

  /** The properties of one model class, read from its declarations. */
  private static final class Plan {
    private final String[] names;
    private final Field[] fields;
    private final boolean[] nonEmpty;
    /** The map fabric8 keeps unknown properties in (written by its {@code @JsonAnyGetter}), or null. */
    private final Field additional;

    private Plan(String[] names, Field[] fields, boolean[] nonEmpty, Field additional) {
      this.names = names;
      this.fields = fields;
      this.nonEmpty = nonEmpty;
      this.additional = additional;
    }

    /**
     * Writes {@code value}, its additional properties after its own as the mapper's any-getter writes them (by key,
     * nulls left out); false, having written nothing, when they are not a mapping with text keys.
     */
    boolean write(ModelWriter writer, Object value, JsonGenerator g) throws IOException {
      try {
        Object extra = additional != null ? additional.get(value) : null;
        Map.Entry<?, ?>[] extras = null;
        if (extra != null) {
          if (HOW.get(extra.getClass()) != Shape.MAP) {
            return false;
          }
          Map<?, ?> map = (Map<?, ?>) extra;
          if (!map.isEmpty() && (extras = entries(map)) == null) {
            return false;
          }
        }
        g.writeStartObject(value);
        for (int i = 0; i < fields.length; i++) {
          Object v = fields[i].get(value);
          if (v != null) {
            Object how = HOW.get(v.getClass());
            if (!(nonEmpty[i] && empty(v, how))) {
              g.writeFieldName(names[i]);
              writer.write(v, how, g);
            }
          }
        }
        if (extras != null) {
          writer.writeEntries(extras, true, g);
        }
        g.writeEndObject();
        return true;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read a field of " + value.getClass().getName(), e);
      }
    }

    /**
     * The plan of a model class; {@link Unplanned} where Jackson's rules could make of its declarations anything but
     * its annotated fields in the order it declares, each with the default inclusion or non-empty.
     */
    static Plan of(Class<?> type) throws Unplanned {
      if (!type.getName().startsWith("io.fabric8.kubernetes.api.model.")) {
        throw new Unplanned("not a class of the Kubernetes model");
      }
      if (type.getSuperclass() != Object.class || type.isInterface() || type.isEnum() || type.isRecord()
          || Modifier.isAbstract(type.getModifiers())) {
        throw new Unplanned("not a plain class of its own");
      }
      classAnnotations(type);
      JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
      if (order == null) {
        throw new Unplanned("no @JsonPropertyOrder");
      }
      Map<String, Field> byName = new HashMap<>();
      Map<String, Boolean> nonEmptyByName = new HashMap<>();
      Field additional = null;
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
          continue;
        }
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        boolean ignored = f.isAnnotationPresent(JsonIgnore.class);
        if (ignored && p == null) {
          onlyJackson(f, JsonIgnore.class);
          if (f.getName().equals("additionalProperties") && Map.class.isAssignableFrom(f.getType())) {
            additional = f;
          }
          continue;
        }
        if (p == null) {
          if (Modifier.isPublic(f.getModifiers())) {
            throw new Unplanned("public field " + f.getName() + " without @JsonProperty");
          }
          onlyJackson(f);
          continue;
        }
        if (ignored || Modifier.isTransient(f.getModifiers()) || p.value().isEmpty()
            || p.access() == JsonProperty.Access.WRITE_ONLY) {
          throw new Unplanned("field " + f.getName() + ": ignored, transient, unnamed or write-only");
        }
        onlyJackson(f, JsonProperty.class, JsonInclude.class, JsonDeserialize.class);
        Boolean nonEmpty = nonEmpty(f.getAnnotation(JsonInclude.class));
        if (nonEmpty == null) {
          throw new Unplanned("field " + f.getName() + ": @JsonInclude other than non-null or non-empty");
        }
        if (byName.put(p.value(), f) != null) {
          throw new Unplanned("two fields named " + p.value());
        }
        nonEmptyByName.put(p.value(), nonEmpty);
      }
      Set<String> ordered = new LinkedHashSet<>(List.of(order.value()));
      if (!ordered.containsAll(byName.keySet())) {
        Set<String> unlisted = new java.util.TreeSet<>(byName.keySet());
        unlisted.removeAll(ordered);
        throw new Unplanned("@JsonPropertyOrder does not list " + unlisted);
      }
      List<String> names = new ArrayList<>();
      for (String name : ordered) {
        if (byName.containsKey(name)) {
          names.add(name);
        }
      }
      Field[] fields = new Field[names.size()];
      boolean[] nonEmpty = new boolean[names.size()];
      try {
        for (int i = 0; i < fields.length; i++) {
          fields[i] = byName.get(names.get(i));
          fields[i].setAccessible(true);
          nonEmpty[i] = nonEmptyByName.get(names.get(i));
        }
        if (additional != null) {
          additional.setAccessible(true);
        }
      } catch (RuntimeException e) {
        throw new Unplanned("fields not readable here: " + e.getMessage());
      }
      return new Plan(names.toArray(String[]::new), fields, nonEmpty, additional);
    }

    /**
     * Holds when every method Jackson would take for a getter is ignored, is the any-getter of {@code additional},
     * or is a field's own getter (which {@link YamlRenderer}'s mapper reads through the field instead), and no
     * method carries another Jackson annotation that writing reads.
     */
    static void gettersAsFields(Class<?> type, Set<String> fieldNames, Field additional) throws Unplanned {
      Set<Method> methods = new HashSet<>(List.of(type.getMethods()));
      methods.addAll(List.of(type.getDeclaredMethods()));
      for (Method m : methods) {
        if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
          continue;
        }
        boolean getter = m.getParameterCount() == 0 && m.getReturnType() != void.class;
        JsonProperty p = m.getAnnotation(JsonProperty.class);
        if (m.isAnnotationPresent(JsonAnyGetter.class)) {
          // Jackson takes an any-getter for one whatever else it says (fabric8 ignores it as a property too).
          if (additional == null || !m.getName().equals("getAdditionalProperties") || m.getDeclaringClass() != type) {
            throw new Unplanned("any-getter " + m.getName() + " other than of the field additionalProperties");
          }
          onlyJackson(m, JsonAnyGetter.class, JsonIgnore.class);
        } else if (m.isAnnotationPresent(JsonIgnore.class)) {
          onlyJackson(m, JsonIgnore.class);
        } else if (m.isAnnotationPresent(JsonAnySetter.class) && !getter) {
          onlyJackson(m, JsonAnySetter.class); // Where reading puts unknown properties.
        } else if (p != null) {
          // A field's getter or setter, of the same name: the mapper reads the field (YamlRenderer.FieldsOverGetters).
          if (!fieldNames.contains(p.value()) || m.getDeclaringClass() != type) {
            throw new Unplanned("method " + m.getName() + " names a property no field of the class holds");
          }
          onlyJackson(m, JsonProperty.class, JsonInclude.class, JsonDeserialize.class);
        } else {
          onlyJackson(m);
          String implied = getter && Modifier.isPublic(m.getModifiers()) ? impliedProperty(m) : null;
          // A plain getter of a field's property joins it (fabric8's getters return their field).
          if (implied != null && !fieldNames.contains(implied)) {
            throw new Unplanned("public getter " + m.getName() + " Jackson would write");
          }
        }
      }
    }

    /**
     * The property Jackson would take this public, unannotated method for the getter of, or null: {@code getKind}
     * and {@code isReady} name {@code kind} and {@code ready} (leading capitals lowered, as Jackson's default naming
     * does: {@code getURL} names {@code url}).
     */
    private static String impliedProperty(Method m) {
      String name = m.getName();
      String rest;
      if (name.startsWith("get") && name.length() > 3 && !name.equals("getClass")) {
        rest = name.substring(3);
      } else if (name.startsWith("is") && name.length() > 2
          && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
        rest = name.substring(2);
      } else {
        return null;
      }
      StringBuilder implied = new StringBuilder(rest);
      for (int i = 0; i < implied.length() && Character.isUpperCase(implied.charAt(i)); i++) {
        implied.setCharAt(i, Character.toLowerCase(implied.charAt(i)));
      }
      return implied.toString();
    }

    /** Holds when the class and its interfaces carry no Jackson annotation that changes how it is written. */
    private static void classAnnotations(Class<?> type) throws Unplanned {
      for (Annotation a : type.getAnnotations()) {
        if (a instanceof JsonInclude include) {
          if (nonEmpty(include) != Boolean.FALSE) {
            throw new Unplanned("class-wide @JsonInclude other than non-null");
          }
        } else if (a instanceof JsonIgnoreProperties ignore) {
          if (ignore.value().length > 0) {
            throw new Unplanned("@JsonIgnoreProperties naming properties");
          }
        } else if (!(a instanceof JsonDeserialize || a instanceof JsonPropertyOrder) && jackson(a)) {
          throw new Unplanned("class annotation @" + a.annotationType().getSimpleName());
        }
      }
      for (Class<?> i : type.getInterfaces()) {
        interfaceAnnotations(i);
      }
    }

    private static void interfaceAnnotations(Class<?> type) throws Unplanned {
      for (Annotation a : type.getAnnotations()) {
        if (jackson(a) && !(a instanceof JsonDeserialize)) {
          throw new Unplanned("interface " + type.getSimpleName() + " has @" + a.annotationType().getSimpleName());
        }
      }
      for (Class<?> i : type.getInterfaces()) {
        interfaceAnnotations(i);
      }
    }

    /**
     * What a property's {@code @JsonInclude} means here: false for the mapper's default (non-null, as every model
     * class declares), true for non-empty, null for anything else (left to the mapper).
     */
    private static Boolean nonEmpty(JsonInclude include) {
      if (include == null) {
        return false;
      }
      JsonInclude.Include content = include.content();
      if (content != JsonInclude.Include.ALWAYS && content != JsonInclude.Include.USE_DEFAULTS) {
        return null;
      }
      return switch (include.value()) {
        case NON_NULL, USE_DEFAULTS -> false;
        case NON_EMPTY -> true;
        default -> null;
      };
    }

    /** Holds when the element's Jackson annotations are all of {@code allowed}. */
    @SafeVarargs
    private static void onlyJackson(AnnotatedElement e, Class<? extends Annotation>... allowed) throws Unplanned {
      outer:
      for (Annotation a : e.getAnnotations()) {
        for (Class<? extends Annotation> ok : allowed) {
          if (ok.isInstance(a)) {
            continue outer;
          }
        }
        if (jackson(a)) {
          String where = e instanceof Field f ? "field " + f.getName() : ((Method) e).getName() + "()";
          throw new Unplanned(where + " has @" + a.annotationType().getSimpleName());
        }
      }
    }

    /** An annotation Jackson reads: its own, or one that bundles its own. */
    private static boolean jackson(Annotation a) {
      Class<? extends Annotation> t = a.annotationType();
      return t.getName().startsWith("com.fasterxml.jackson.") || t.isAnnotationPresent(JacksonAnnotationsInside.class);
    }
  }
}
