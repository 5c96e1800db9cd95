package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.agentfleet.generate.TestFleets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class ModelWriterTest {
  /** One class of each Kubernetes model jar the generators depend on. */
  private static final List<Class<?>> JARS = List.of(ObjectMeta.class, Deployment.class,
      HorizontalPodAutoscaler.class, PodDisruptionBudget.class, NetworkPolicy.class, Role.class, PriorityClass.class);

  /** The classes of the example's tree the mapper writes: each has a serializer of its own. */
  private static final Set<Class<?>> LEFT_TO_THE_MAPPER = Set.of(IntOrString.class, Quantity.class);

  @Test
  void everyClassOfTheModel_filledAtRandom_isWrittenAsTheMapperWritesIt_tokenForToken() throws Exception {
    List<Class<?>> classes = modelClasses();
    assertThat(classes).hasSizeGreaterThan(400);
    int planned = 0;
    for (Class<?> type : classes) {
      if (ModelWriter.unplannedBecause(type) == null) {
        planned++;
        assertThat(ModelWriter.methodsDisagree(type)).as(type.getName()).isNull();
      }
      for (int seed = 0; seed < 3; seed++) {
        Object value = fill(type, new Random(31L * type.getName().hashCode() + seed), 0);
        assertThat(ownTokens(value)).as(type.getName() + " seed " + seed).isEqualTo(mapperTokens(value));
      }
    }
    // The fast way is the common one: a fabric8 release that changed how its classes declare their properties would
    // send them all to the mapper, still correct, no longer fast.
    assertThat(planned).as("classes planned of " + classes.size()).isGreaterThan(classes.size() * 9 / 10);
  }

  @Test
  void everyObjectOfTheExample_isWrittenAsTheMapperWritesIt_andItsClassesArePlanned() throws Exception {
    Map<Class<?>, String> unplanned = new TreeMap<>(java.util.Comparator.comparing(Class::getName));
    int objects = 0;
    for (HasMetadata resource : TestFleets.bookingManifests().resources()) {
      assertThat(ownTokens(resource)).as(resource.getKind() + " " + resource.getMetadata().getName())
          .isEqualTo(mapperTokens(resource));
      for (Class<?> type : modelClassesIn(resource)) {
        String why = ModelWriter.unplannedBecause(type);
        if (why != null) {
          unplanned.put(type, why);
        }
      }
      objects++;
    }
    assertThat(objects).isGreaterThan(100);
    assertThat(unplanned.keySet()).as(unplanned.toString()).isSubsetOf(LEFT_TO_THE_MAPPER);
    assertThat(ModelWriter.unplannedBecause(Container.class)).isNull();
    assertThat(ModelWriter.unplannedBecause(Quantity.class)).contains("@JsonSerialize");
    assertThat(ModelWriter.unplannedBecause(java.net.URI.class)).contains("not a class of the Kubernetes model");
    assertThat(ModelWriter.unplannedBecause(String.class)).isNull();
  }

  @Test
  void anObjectWithAdditionalProperties_isWrittenAsTheMapperWritesIt_withThemAfterItsOwn() throws Exception {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("m").endMetadata()
        .addToData("b", "2").addToData("a", "1").build();
    map.setAdditionalProperty("zeta", Map.of("y", 1, "x", List.of("q")));
    map.getMetadata().setAdditionalProperty("extra", "e");

    List<String> tokens = ownTokens(map);

    assertThat(tokens).isEqualTo(mapperTokens(map));
    assertThat(String.join(" ", tokens)).contains("name:extra", "name:zeta")
        .containsSubsequence("name:a", "name:b", "name:zeta");
  }

  @Test
  void mappings_areWrittenInKeyOrder_nullValuesAsTheMapperDoes() throws Exception {
    Map<String, String> labels = new HashMap<>();
    labels.put("zone", "b");
    labels.put("app", null);
    labels.put("tier", "x");
    ObjectMeta meta = new ObjectMeta();
    meta.setLabels(labels);
    meta.setAnnotations(new TreeMap<>(java.util.Comparator.reverseOrder()));
    meta.getAnnotations().put("a", "1");
    meta.getAnnotations().put("b", "2");

    List<String> tokens = ownTokens(meta);

    assertThat(tokens).isEqualTo(mapperTokens(meta));
    assertThat(String.join(" ", tokens)).containsSubsequence("name:app", "name:tier", "name:zone")
        .containsSubsequence("name:b", "name:a");
  }

  // --- the two writers' tokens

  private static List<String> ownTokens(Object value) throws IOException {
    TokenBuffer buffer = new TokenBuffer(YamlRenderer.TREE, false);
    new ModelWriter(YamlRenderer.TREE).write(value, buffer);
    return tokens(buffer);
  }

  private static List<String> mapperTokens(Object value) throws IOException {
    TokenBuffer buffer = new TokenBuffer(YamlRenderer.TREE, false);
    YamlRenderer.TREE.writeValue(buffer, value);
    return tokens(buffer);
  }

  /** Each token with its name, text or number and the number's type (an int and a long differ in the tree). */
  private static List<String> tokens(TokenBuffer buffer) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = buffer.asParser()) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        out.add(switch (t) {
          case FIELD_NAME -> "name:" + p.currentName();
          case VALUE_STRING -> "text:" + p.getText();
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberType() + ":" + p.getNumberValue();
          case VALUE_EMBEDDED_OBJECT -> "object:" + p.getEmbeddedObject();
          default -> t.name();
        });
      }
    }
    return out;
  }

  // --- the model's classes, and objects of them filled at random

  private static List<Class<?>> modelClasses() throws Exception {
    Set<String> names = new TreeSet<>();
    for (Class<?> marker : JARS) {
      Path jar = Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream().map(e -> e.getName())
            .filter(n -> n.startsWith("io/fabric8/kubernetes/api/model/") && n.endsWith(".class") && !n.contains("$")
                && !n.endsWith("Builder.class") && !n.endsWith("Fluent.class"))
            .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name);
      if (!type.isInterface() && !type.isEnum() && !Modifier.isAbstract(type.getModifiers()) && constructible(type)) {
        classes.add(type);
      }
    }
    return classes;
  }

  private static boolean constructible(Class<?> type) {
    try {
      type.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** An object of {@code type} with each property set or not, to values of every shape its type allows. */
  private static Object fill(Class<?> type, Random random, int depth) throws Exception {
    Object o = type.getConstructor().newInstance();
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        if (f.getName().equals("additionalProperties") && f.get(o) instanceof Map<?, ?>) {
          if (random.nextInt(4) == 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> extra = (Map<String, Object>) f.get(o);
            for (String key : List.of("zExtra", "aExtra", "mExtra").subList(0, 1 + random.nextInt(3))) {
              int shape = random.nextInt(4);
              extra.put(key, shape == 0 ? "v" : shape == 1 ? Map.of("k", 1, "b", List.of("x")) : shape == 2 ? null : 7L);
            }
          }
        } else if (f.isAnnotationPresent(JsonProperty.class) && random.nextInt(5) > 0) {
          Object v = value(f.getGenericType(), random, depth);
          if (v != null || !f.getType().isPrimitive()) {
            f.set(o, v);
          }
        }
      }
    }
    return o;
  }

  private static Object value(Type type, Random random, int depth) throws Exception {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(value(args[0], random, depth + 1));
        }
        return list;
      }
      if (Map.class.isAssignableFrom(raw)) {
        Map<String, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        for (String key : List.of("m", "b", "z", "a").subList(0, random.nextInt(5))) {
          map.put(key, random.nextInt(6) == 0 ? null : value(args[1], random, depth + 1));
        }
        return map;
      }
      return null;
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    if (c == String.class) {
      return random.nextInt(4) == 0 ? "" : "t" + random.nextInt(100);
    }
    if (c == Integer.class || c == int.class) {
      return random.nextInt(2000) - 1000;
    }
    if (c == Long.class || c == long.class) {
      return (long) random.nextInt(2000);
    }
    if (c == Boolean.class || c == boolean.class) {
      return random.nextBoolean();
    }
    if (c == Double.class || c == double.class) {
      return random.nextDouble();
    }
    if (c == IntOrString.class) {
      return random.nextBoolean() ? new IntOrString(8080) : new IntOrString("http");
    }
    if (c == Quantity.class) {
      return new Quantity(random.nextInt(900) + "m");
    }
    if (c == Object.class) {
      return random.nextBoolean() ? "any" : Map.of("k", List.of(1, "v"));
    }
    if (c.getName().startsWith("io.fabric8.kubernetes.api.model.") && !c.isInterface() && !c.isEnum()
        && !Modifier.isAbstract(c.getModifiers()) && constructible(c)) {
      return depth < 3 ? fill(c, random, depth + 1) : null;
    }
    return null;
  }

  /** The classes of the Kubernetes model met in an object's properties, itself included. */
  private static Set<Class<?>> modelClassesIn(Object root) throws IllegalAccessException {
    Set<Class<?>> found = new java.util.HashSet<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      Object o = todo.remove(todo.size() - 1);
      if (o == null || seen.put(o, true) != null) {
        continue;
      }
      if (o instanceof Collection<?> c) {
        todo.addAll(c);
      } else if (o instanceof Map<?, ?> m) {
        todo.addAll(m.values());
      } else if (o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
        found.add(o.getClass());
        for (Field f : o.getClass().getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(JsonProperty.class)) {
            f.setAccessible(true);
            todo.add(f.get(o));
          }
        }
      }
    }
    return found;
  }
}
