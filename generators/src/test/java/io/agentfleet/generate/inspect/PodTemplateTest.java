package io.agentfleet.generate.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An object of the kind, its pod at {@code base}, with {@code n} containers in each of the three lists. */
  private static Manifest workload(String apiVersion, String kind, int n, String... base) {
    ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    object.putObject("metadata").put("name", "w");
    ObjectNode pod = object;
    for (String key : base) {
      pod = pod.with(key);
    }
    pod.putObject("metadata").putObject("labels").put("app", "w");
    ObjectNode spec = pod.putObject("spec");
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      ArrayNode items = spec.putArray(list);
      for (int i = 0; i < n; i++) {
        items.addObject().put("name", list + i);
      }
    }
    return new Manifest("f.yaml", 0, object);
  }

  @Test
  void eachWorkloadKind_findsItsPod_atItsPath_andOtherKindsOrGroupsHaveNone() {
    record Case(String apiVersion, String kind, String specPath, String[] base) {}
    List<Case> cases = List.of(
        new Case("v1", "Pod", "spec", new String[] {}),
        new Case("v1", "ReplicationController", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("apps/v1", "Deployment", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("apps/v1", "StatefulSet", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("apps/v1", "DaemonSet", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("apps/v1", "ReplicaSet", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("batch/v1", "Job", "spec.template.spec", new String[] {"spec", "template"}),
        new Case("batch/v1", "CronJob", "spec.jobTemplate.spec.template.spec",
            new String[] {"spec", "jobTemplate", "spec", "template"}));
    for (Case c : cases) {
      PodTemplate pod = PodTemplate.of(workload(c.apiVersion(), c.kind(), 1, c.base())).orElseThrow();
      assertThat(pod.specPath()).as(c.kind()).isEqualTo(c.specPath());
      assertThat(pod.metadataPath()).as(c.kind()).isEqualTo(c.specPath().replaceAll("spec$", "metadata"));
      assertThat(pod.labels()).as(c.kind()).containsEntry("app", "w");
      assertThat(pod.at("securityContext", "runAsNonRoot")).isEqualTo(c.specPath() + ".securityContext.runAsNonRoot");
    }
    assertThat(PodTemplate.of(workload("extensions/v1beta1", "Deployment", 1, "spec", "template"))).isEmpty();
    assertThat(PodTemplate.of(workload("apps/v1", "Job", 1, "spec", "template"))).isEmpty();
    assertThat(PodTemplate.of(workload("v1", "Service", 1, "spec", "template"))).isEmpty();
    assertThat(PodTemplate.of(workload("example.com/v1", "Pod", 1))).isEmpty();
  }

  @Test
  void containers_comeInListOrder_withTheirPaths_beyondThoseSpeltOnce() {
    for (String kind : List.of("Pod", "CronJob")) {
      String[] base = kind.equals("Pod") ? new String[] {} : new String[] {"spec", "jobTemplate", "spec", "template"};
      PodTemplate pod = PodTemplate.of(workload(kind.equals("Pod") ? "v1" : "batch/v1", kind, 12, base))
          .orElseThrow();
      List<ContainerRef> all = pod.allContainers();
      assertThat(all).hasSize(36);
      int k = 0;
      for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
        for (int i = 0; i < 12; i++, k++) {
          ContainerRef c = all.get(k);
          assertThat(c.list()).isEqualTo(list);
          assertThat(c.name()).isEqualTo(list + i);
          assertThat(c.path()).isEqualTo(pod.specPath() + "." + list + "[" + i + "]");
          assertThat(c.at("env")).isEqualTo(pod.specPath() + "." + list + "[" + i + "].env");
        }
      }
      assertThat(pod.mainContainers()).hasSize(12).allMatch(ContainerRef::isMain);
    }
  }

  @Test
  void aContainerListThatIsNoList_holdsNoContainer() {
    Manifest m = workload("apps/v1", "Deployment", 2, "spec", "template");
    JsonNode spec = m.node().path("spec").path("template").path("spec");
    ((ObjectNode) spec).putObject("initContainers").put("name", "not-a-list");
    assertThat(PodTemplate.of(m).orElseThrow().allContainers()).extracting(ContainerRef::name)
        .containsExactly("containers0", "containers1", "ephemeralContainers0", "ephemeralContainers1");
  }
}
