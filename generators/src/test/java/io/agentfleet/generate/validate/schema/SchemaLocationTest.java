package io.agentfleet.generate.validate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaLocationTest {
  private static final String V = "v1.34.0";

  @Test
  void kubernetesVersion_whenShort_normalizesLikeKubeconform() {
    assertThat(ResourceType.normalizeVersion("1.34")).isEqualTo("v1.34.0");
    assertThat(ResourceType.normalizeVersion("v1.34")).isEqualTo("v1.34.0");
    assertThat(ResourceType.normalizeVersion("1.34.2")).isEqualTo("v1.34.2");
    assertThat(ResourceType.normalizeVersion(null)).isEqualTo("master");
  }

  @Test
  void folder_whenGiven_expandsToKubernetesThenCrdLayout() {
    SchemaLocation loc = SchemaLocation.parse("/s/", Path.of("/c"));

    assertThat(loc.templates()).extracting(t -> t.render(new ResourceType("apps/v1", "Deployment"), V))
        .containsExactly("/s/kubernetes/v1.34.0-standalone-strict/deployment-apps-v1.json",
            "/s/crds/apps/deployment_v1.json");
    assertThat(loc.cacheDir()).isEqualTo(Path.of("/c"));
  }

  @Test
  void kubernetesTemplate_whenRendered_namesFilesAsKubeconform() {
    SchemaTemplate k8s = SchemaLocation.parse("/s", null).templates().get(0);

    assertThat(k8s.render(new ResourceType("v1", "ConfigMap"), V)).endsWith("/configmap-v1.json");
    assertThat(k8s.render(new ResourceType("autoscaling/v2", "HorizontalPodAutoscaler"), V))
        .endsWith("/horizontalpodautoscaler-autoscaling-v2.json");
    assertThat(k8s.render(new ResourceType("scheduling.k8s.io/v1", "PriorityClass"), V))
        .endsWith("/priorityclass-scheduling-v1.json");
  }

  @Test
  void crdTemplate_whenRendered_usesFullGroup() {
    SchemaTemplate crds = SchemaLocation.parse("/s", null).templates().get(1);

    assertThat(crds.render(new ResourceType("autoscaling.k8s.io/v1", "VerticalPodAutoscaler"), V))
        .isEqualTo("/s/crds/autoscaling.k8s.io/verticalpodautoscaler_v1.json");
    assertThat(crds.render(new ResourceType("external-secrets.io/v1", "ExternalSecret"), V))
        .isEqualTo("/s/crds/external-secrets.io/externalsecret_v1.json");
  }

  @Test
  void blank_whenParsed_readsTheShippedSchemasFromTheClasspath() {
    SchemaLocation loc = SchemaLocation.parse(" ", null);

    assertThat(loc.templates()).extracting(t -> t.render(new ResourceType("apps/v1", "Deployment"), V)).containsExactly(
        "classpath:io/agentfleet/schemas/kubernetes/v1.34.0-standalone-strict/deployment-apps-v1.json",
        "classpath:io/agentfleet/schemas/crds/apps/deployment_v1.json");
    assertThat(loc.templates()).allMatch(SchemaTemplate::isClasspath).noneMatch(SchemaTemplate::isRemote);
    assertThat(SchemaLocation.parse(null, null)).isEqualTo(loc);
    assertThat(loc.cacheDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "agentfleet", "schemas"));
  }

  @Test
  void bundled_whenCombinedWithAFolder_isTriedWhereItIsListed() {
    SchemaLocation loc = SchemaLocation.parse("/mine, bundled", null);

    assertThat(loc.templates()).extracting(t -> t.render(new ResourceType("v1", "ConfigMap"), V)).containsExactly(
        "/mine/kubernetes/v1.34.0-standalone-strict/configmap-v1.json", "/mine/crds/v1/configmap_v1.json",
        "classpath:io/agentfleet/schemas/kubernetes/v1.34.0-standalone-strict/configmap-v1.json",
        "classpath:io/agentfleet/schemas/crds/v1/configmap_v1.json");
  }

  @Test
  void default_whenGiven_isKubeconformsDefaultKubernetesLocation() {
    SchemaLocation loc = SchemaLocation.parse("default", null);

    assertThat(loc.templates().get(0).render(new ResourceType("apps/v1", "Deployment"), V)).isEqualTo(
        "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.34.0-standalone-strict/deployment-apps-v1.json");
  }

  @Test
  void templates_whenCommaSeparated_keepTheirOrder() {
    SchemaLocation loc = SchemaLocation.parse("default, http://h/{{.Group}}/{{.ResourceKind}}.json", null);

    assertThat(loc.templates()).extracting(SchemaTemplate::template)
        .containsExactly(SchemaLocation.KUBERNETES_DEFAULT, "http://h/{{.Group}}/{{.ResourceKind}}.json");
    assertThat(loc.templates().get(1).isRemote()).isTrue();
  }

  @Test
  void template_whenVariableUnknown_failsNamingIt() {
    assertThatThrownBy(() -> SchemaLocation.parse("/s/{{.Kind}}.json", null))
        .hasMessageStartingWith("unknown variable {{.Kind}} in schema location /s/{{.Kind}}.json");
  }

  @Test
  void cacheKey_whenComputed_isSha256OfUrlLikeKubeconform() {
    assertThat(DiskCache.key("https://example.com/a.json"))
        .hasSize(64)
        .isEqualTo(DiskCache.key("https://example.com/a.json"))
        .isNotEqualTo(DiskCache.key("https://example.com/b.json"));
  }
}
