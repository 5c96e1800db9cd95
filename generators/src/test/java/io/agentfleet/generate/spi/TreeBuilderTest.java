package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.inspect.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeBuilderTest {
  private static final JsonNodeFactory NODES = new SharingNodeFactory();

  @Test
  void everyObjectOfTheExample_isBuiltDirectly_asJacksonParsesItsTokens() {
    ManifestTree tree = TestFleets.bookingManifests();
    int objects = 0;
    for (ManifestFile f : tree.files().values()) {
      for (Document d : f.documents()) {
        HasMetadata resource = d.resource();
        ObjectNode direct = YamlRenderer.direct(resource, NODES);
        assertThat(direct).as(f.path() + " " + d.id()).isNotNull().isEqualTo(YamlRenderer.buffered(resource, NODES));
        objects++;
      }
    }
    assertThat(objects).isGreaterThan(100);
  }

  @Test
  void everyDocument_knowsABoundOfItsJsonSize_andTheSizeCheckAnswersAsACount() {
    ManifestTree tree = TestFleets.bookingManifests();
    List<HasMetadata> objects = new ArrayList<>(tree.resources());
    objects.add(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("odd").endMetadata()
        .addToData("control", "a\u0001b\tc\"d\\e").addToData("astral", "\uD83D\uDE00 \u00e9\u4e2d").build());
    for (HasMetadata resource : objects) {
      ObjectNode json = YamlRenderer.direct(resource, NODES);
      long bound = YamlRenderer.jsonSizeBound(json);
      long chars = Json.jsonSize(json, false, Long.MAX_VALUE);
      long bytes = Json.jsonSize(json, true, Long.MAX_VALUE);
      assertThat(bound).as(resource.getKind() + " " + resource.getMetadata().getName())
          .isGreaterThanOrEqualTo(Math.max(chars, bytes));
      for (long limit : new long[] {bytes - 1, bytes, bound - 1, bound}) {
        assertThat(Json.jsonSizeAbove(json, true, limit)).as("bytes above " + limit).isEqualTo(bytes > limit);
        assertThat(Json.jsonSizeAbove(json, false, limit)).as("characters above " + limit).isEqualTo(chars > limit);
      }
    }
    assertThat(YamlRenderer.jsonSizeBound(YamlRenderer.buffered(objects.get(0), NODES))).as("not built here").isEqualTo(-1);
  }

  @Test
  void equalPartsOfTwoDocuments_areOneInstance_andOnlyEqualOnesAre() {
    SharingNodeFactory nodes = new SharingNodeFactory();
    java.util.function.Function<String, HasMetadata> deployment = name -> new io.fabric8.kubernetes.api.model.apps
        .DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNewTemplate()
        .withNewSpec().withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).endSecurityContext()
        .addNewContainer().withName(name).withImage("agent:1").addNewPort().withContainerPort(8080).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();

    ObjectNode a = YamlRenderer.direct(deployment.apply("a"), nodes);
    ObjectNode b = YamlRenderer.direct(deployment.apply("b"), nodes);

    assertThat(a.at("/spec/template/spec/securityContext")).isSameAs(b.at("/spec/template/spec/securityContext"));
    assertThat(a.at("/spec/template/spec/containers/0/ports")).isSameAs(b.at("/spec/template/spec/containers/0/ports"));
    assertThat(a.at("/spec/template/spec/containers/0")).isNotSameAs(b.at("/spec/template/spec/containers/0"));
    assertThat(a.path("metadata")).isNotSameAs(b.path("metadata"));
    assertThat(a.at("/metadata/name").asText()).isEqualTo("a");
    assertThat(b.at("/metadata/name").asText()).isEqualTo("b");
    // An int and a long of one value are different nodes: their parts stay apart.
    ObjectNode asInt = YamlRenderer.direct(widget(Map.of("n", 1)), nodes);
    ObjectNode asLong = YamlRenderer.direct(widget(Map.of("n", 1L)), nodes);
    assertThat(asInt.path("spec")).isNotSameAs(asLong.path("spec"));
    assertThat(asInt.at("/spec/n").isInt()).isTrue();
    assertThat(asLong.at("/spec/n").isLong()).isTrue();
  }

  private static GenericKubernetesResource widget(Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
        .withNewMetadata().withName("w").endMetadata().withAdditionalProperties(Map.of("spec", spec)).build();
  }

  @Test
  void emptyValues_arePrunedWhereTheyMeanNothing_andKeptWhereTheyMeanSomething() {
    Map<String, Object> spec = new HashMap<>();
    spec.put("podSelector", Map.of());
    spec.put("ingress", List.of());
    spec.put("volume", Map.of("emptyDir", Map.of()));
    spec.put("labels", Map.of());
    spec.put("nested", Map.of("empty", Map.of(), "list", List.of()));
    spec.put("items", List.of(Map.of(), List.of()));
    var policy = new NetworkPolicyBuilder().withNewMetadata().withName("deny").endMetadata().build();
    GenericKubernetesResource custom = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
        .withKind("Widget").withNewMetadata().withName("w").withLabels(Map.of()).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec)).build();

    ObjectNode direct = YamlRenderer.direct(custom, NODES);

    assertThat(direct).isEqualTo(YamlRenderer.buffered(custom, NODES));
    assertThat(direct.path("metadata").has("labels")).isFalse();
    assertThat(direct.path("spec").has("podSelector")).isTrue();
    assertThat(direct.path("spec").path("ingress").isArray()).isTrue();
    assertThat(direct.path("spec").path("volume").has("emptyDir")).isTrue();
    assertThat(direct.path("spec").has("labels")).as("empty labels").isFalse();
    assertThat(direct.path("spec").has("nested")).as("emptied by pruning").isFalse();
    assertThat(direct.path("spec").path("items")).as("entries of a list stay").hasSize(2);
    assertThat(YamlRenderer.direct(policy, NODES)).isEqualTo(YamlRenderer.buffered(policy, NODES));
  }

  @Test
  void valueTheBuilderLeaves_isBuiltTheBufferedWay() {
    Map<String, Object> spec = new HashMap<>();
    spec.put("ratio", 0.5);
    spec.put("count", 3);
    spec.put("big", 12345678901L);
    spec.put("none", null);
    List<Object> list = new ArrayList<>();
    list.add(null);
    list.add(Map.of());
    spec.put("list", list);
    GenericKubernetesResource custom = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
        .withKind("Widget").withNewMetadata().withName("w").endMetadata()
        .withAdditionalProperties(Map.of("spec", spec)).build();

    assertThat(YamlRenderer.direct(custom, NODES)).as("a double is left to the buffered way").isNull();
    assertThat(YamlRenderer.toTree(custom, NODES)).isEqualTo(YamlRenderer.buffered(custom, NODES));
    spec.remove("ratio");
    assertThat(YamlRenderer.direct(custom, NODES)).isEqualTo(YamlRenderer.buffered(custom, NODES));
  }
}
