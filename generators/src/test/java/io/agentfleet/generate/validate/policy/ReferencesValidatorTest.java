package io.agentfleet.generate.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutation proof of the references rule on the committed production tree: each break a reviewer could miss in a
 * pull request (a renamed Service, a mistyped URL, a dropped Secret, a renamed PriorityClass, a namespace taken out
 * of an AppProject) is refused, naming the file and the dangling reference.
 */
class ReferencesValidatorTest {
  private static final Path PRODUCTION = TestFleets.root().resolve("generated/production");
  private static final Fleet FLEET = TestFleets.booking();
  private static final PlatformPlan PLAN = PlatformPlan.of(FLEET);

  private static SortedMap<String, String> production() {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(PRODUCTION)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(PRODUCTION.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The committed tree with one document of one file changed. */
  private static RenderedTree mutate(String file, String kind, String name, Consumer<ObjectNode> change) {
    SortedMap<String, String> files = production();
    List<JsonNode> docs = new RenderedTree(files).documents().get(file);
    StringBuilder out = new StringBuilder();
    boolean found = false;
    for (JsonNode d : docs) {
      if (d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name)) {
        change.accept((ObjectNode) d);
        found = true;
      }
      if (!d.isMissingNode() && !d.isNull()) {
        out.append("---\n").append(YamlRenderer.toYaml(d));
      }
    }
    assertThat(found).as(kind + "/" + name + " in " + file).isTrue();
    files.put(file, out.toString());
    return new RenderedTree(files);
  }

  private static RenderedTree dropping(String file, String kind, String name) {
    SortedMap<String, String> files = production();
    StringBuilder out = new StringBuilder();
    for (JsonNode d : new RenderedTree(files).documents().get(file)) {
      if (!(d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))) {
        out.append("---\n").append(YamlRenderer.toYaml(d));
      }
    }
    files.put(file, out.toString());
    return new RenderedTree(files);
  }

  private static List<String> problems(RenderedTree tree) {
    List<String> out = new ArrayList<>();
    for (TreeValidator v : List.of(new PolicyValidator(), new ReferencesValidator())) {
      v.validate(tree, FLEET, PLAN).forEach(p -> out.add(p.toString()));
    }
    return out;
  }

  @Test
  void productionTree_asCommitted_hasNoDanglingReference() {
    assertThat(new ReferencesValidator().validate(new RenderedTree(production()), FLEET, PLAN)).isEmpty();
  }

  @Test
  void renamedService_isRefusedWhereItsDnsNameIsUsed() {
    RenderedTree tree = mutate("agents/booking-agent-a2.yaml", "Service", "booking-agent-a2-backend",
        s -> ((ObjectNode) s.path("metadata")).put("name", "booking-agent-a2-api"));

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("agents/booking-agent-a2.yaml ConfigMap/booking-agent-a2-frontend: data.BACKEND_URL")
        .contains("booking-agent-a2-backend.booking-agents.svc names Service \"booking-agent-a2-backend\""));
  }

  @Test
  void inABuiltTree_aDocumentNamingAServiceIsChecked_andOneNamingNoneIsKnownToNameNone() {
    // A built tree knows, per document, whether any of its texts holds ".svc" (ServiceText): the walk for names
    // skips the documents that hold none, and must still meet the one that does, however deep and however shared.
    io.fabric8.kubernetes.api.model.apps.Deployment worker = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
        .withNewMetadata().withName("worker").withNamespace("booking-agents").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("worker").withImage("worker:1")
        .addNewEnv().withName("API").withValue("http://ghost.booking-agents.svc:8080").endEnv()
        .endContainer().endSpec().endTemplate().endSpec().build();
    io.fabric8.kubernetes.api.model.ConfigMap quiet = new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("quiet").withNamespace("booking-agents").endMetadata()
        .addToData("note", "no service here").build();
    io.agentfleet.generate.spi.ManifestTree built = new io.agentfleet.generate.spi.ManifestTree();
    io.agentfleet.generate.spi.ManifestFile file = built.freeze(io.agentfleet.generate.spi.ManifestFile.yaml(
        "sub-agents/worker.yaml", List.of(io.agentfleet.generate.spi.Document.of(worker),
            io.agentfleet.generate.spi.Document.of(quiet))));
    built.add(file);

    assertThat(YamlRenderer.namesNoService(built.json(file.documents().get(0)))).isFalse();
    assertThat(YamlRenderer.namesNoService(built.json(file.documents().get(1)))).isTrue();
    assertThat(YamlRenderer.namesNoService(new RenderedTree(production()).documents()
        .get("sub-agents/claude-sub-agent-s1.yaml").get(0))).as("a tree read from text is not known").isFalse();
    assertThat(new ReferencesValidator().validate(RenderedTree.deferred(built), FLEET, PLAN))
        .anySatisfy(p -> assertThat(p.toString()).startsWith("sub-agents/worker.yaml Deployment/worker: "
            + "spec.template.spec.containers[0].env[0].value")
            .contains("ghost.booking-agents.svc names Service \"ghost\""));
  }

  @Test
  void brokenUrl_isRefusedNamingTheFileAndTheUrl() {
    RenderedTree tree = mutate("monitoring/grafana.yaml", "ConfigMap", "grafana-provisioning", cm -> {
      ObjectNode data = (ObjectNode) cm.path("data");
      data.put("datasources.yaml", data.path("datasources.yaml").asText()
          .replace("prometheus-operated.monitoring.svc", "prometheus-operatd.monitoring.svc"));
    });

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p).startsWith("monitoring/grafana.yaml ConfigMap/grafana-provisioning")
        .contains("prometheus-operatd.monitoring.svc"));
  }

  @Test
  void everyPlaceAPodNamesASecretOrConfigMap_isChecked_andAMissingOneIsRefusedAtItsPath() {
    String file = "sub-agents/claude-sub-agent-s1.yaml";
    int[] firstVolume = new int[1];
    RenderedTree tree = mutate(file, "Deployment", "claude-sub-agent-s1", d -> {
      ObjectNode spec = (ObjectNode) d.path("spec").path("template").path("spec");
      ArrayNode volumes = spec.withArray("volumes");
      firstVolume[0] = volumes.size();
      volumes.addObject().put("name", "g1").putObject("secret").put("secretName", "ghost-volume-secret");
      volumes.addObject().put("name", "g2").putObject("configMap").put("name", "ghost-volume-map");
      ArrayNode sources = volumes.addObject().put("name", "g3").putObject("projected").putArray("sources");
      sources.addObject().putObject("secret").put("name", "ghost-projected-secret");
      sources.addObject().putObject("configMap").put("name", "ghost-optional-map").put("optional", true);
      sources.addObject().putObject("configMap").put("name", "ghost-projected-map");
      volumes.addObject().put("name", "g4").putObject("persistentVolumeClaim").put("claimName", "ghost-claim");
      ObjectNode main = (ObjectNode) spec.path("containers").get(0);
      main.withArray("env").addObject().put("name", "G").putObject("valueFrom").putObject("configMapKeyRef")
          .put("name", "ghost-env-map").put("key", "k");
      main.withArray("envFrom").addObject().putObject("secretRef").put("name", "ghost-env-from-secret");
      // The tenth init container: past the containers whose paths are spelt once per kind of workload.
      ArrayNode inits = spec.withArray("initContainers");
      while (inits.size() < 9) {
        inits.addObject().put("name", "init-" + inits.size()).put("image", "busybox");
      }
      ObjectNode tenth = inits.addObject().put("name", "init-9").put("image", "busybox");
      tenth.withArray("env").addObject().put("name", "S").putObject("valueFrom").putObject("secretKeyRef")
          .put("name", "ghost-init-secret").put("key", "k");
      tenth.withArray("env").addObject().put("name", "O").putObject("valueFrom").putObject("secretKeyRef")
          .put("name", "ghost-optional-secret").put("key", "k").put("optional", true);
      tenth.withArray("envFrom").addObject().putObject("configMapRef").put("name", "ghost-init-map");
      spec.withArray("imagePullSecrets").addObject().put("name", "ghost-pull");
    });

    String pod = file + " Deployment/claude-sub-agent-s1: spec.template.spec.";
    int v = firstVolume[0];
    List<String> ghosts = problems(tree).stream().filter(p -> p.contains("\"ghost")).toList();
    assertThat(ghosts).extracting(p -> p.substring(0, p.indexOf('"'))).containsExactlyInAnyOrder(
        pod + "volumes[" + v + "].secret.secretName: Secret ",
        pod + "volumes[" + (v + 1) + "].configMap.name: ConfigMap ",
        pod + "volumes[" + (v + 2) + "].projected.sources[0].secret.name: Secret ",
        pod + "volumes[" + (v + 2) + "].projected.sources[2].configMap.name: ConfigMap ",
        pod + "volumes[" + (v + 3) + "].persistentVolumeClaim.claimName: PersistentVolumeClaim ",
        pod + "containers[0].env[" + (envCount(tree, file) - 1) + "].valueFrom.configMapKeyRef.name: ConfigMap ",
        pod + "containers[0].envFrom[0].secretRef.name: Secret ",
        pod + "initContainers[9].env[0].valueFrom.secretKeyRef.name: Secret ",
        pod + "initContainers[9].envFrom[0].configMapRef.name: ConfigMap ",
        pod + "imagePullSecrets[0].name: Secret ");
    assertThat(ghosts).anySatisfy(p -> assertThat(p).contains("Secret \"ghost-volume-secret\" in namespace \""))
        .anySatisfy(p -> assertThat(p).contains("ConfigMap \"ghost-init-map\" not found in namespace \""))
        .noneSatisfy(p -> assertThat(p).contains("ghost-optional"));
  }

  /** How many environment variables the first container of the file's Deployment has. */
  private static int envCount(RenderedTree tree, String file) {
    for (JsonNode d : tree.documents().get(file)) {
      if (d.path("kind").asText().equals("Deployment")) {
        return d.path("spec").path("template").path("spec").path("containers").get(0).path("env").size();
      }
    }
    throw new AssertionError("no Deployment in " + file);
  }

  @Test
  void droppedSecret_isRefusedAtEveryPodThatReadsIt() {
    RenderedTree tree = dropping("core/secrets.yaml", "ExternalSecret", "claude-api-credentials");

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("sub-agents/claude-sub-agent-s1.yaml Deployment/claude-sub-agent-s1")
        .contains("Secret \"claude-api-credentials\""));
  }

  @Test
  void renamedPriorityClass_isRefusedAtThePodsThatNameIt() {
    RenderedTree tree = mutate("core/priority-classes.yaml", "PriorityClass", "booking-agents-high",
        pc -> ((ObjectNode) pc.path("metadata")).put("name", "booking-agents-urgent"));

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("sub-agents/claude-sub-agent-s1.yaml Deployment/claude-sub-agent-s1")
        .contains("PriorityClass \"booking-agents-high\""));
  }

  @Test
  void kubeSystemRemovedFromTheOperatorsProject_isRefusedAtTheApplicationThatWritesThere() {
    RenderedTree tree = mutate("ci-cd/operators.yaml", "AppProject", "booking-agents-operators", p -> {
      ArrayNode kept = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      p.path("spec").path("destinations").forEach(d -> {
        if (!d.path("namespace").asText().equals("kube-system")) {
          kept.add(d);
        }
      });
      ((ObjectNode) p.path("spec")).set("destinations", kept);
    });

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("ci-cd/operators.yaml Application/prometheus-adapter")
        .contains("[kube-system]").contains("booking-agents-operators"));
  }

  @Test
  void podMonitorSelectingNothing_isRefused() {
    RenderedTree tree = mutate("monitoring/prometheus.yaml", "PodMonitor", "agentfleet-postgres",
        pm -> ((ObjectNode) pm.path("spec").path("selector").path("matchLabels")).put("app.kubernetes.io/name", "pg"));

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("monitoring/prometheus.yaml PodMonitor/agentfleet-postgres").contains("matches no pod"));
  }

  @Test
  void customResourceWithoutItsOperator_isRefused() {
    RenderedTree tree = mutate("sub-agents/claude-sub-agent-s1.yaml", "VerticalPodAutoscaler", "claude-sub-agent-s1",
        vpa -> vpa.put("apiVersion", "autoscaling.example.com/v1"));

    assertThat(problems(tree)).anySatisfy(p -> assertThat(p)
        .startsWith("sub-agents/claude-sub-agent-s1.yaml VerticalPodAutoscaler/claude-sub-agent-s1")
        .contains("autoscaling.example.com/v1 is served by no operator of the platform plan"));
  }

  @Test
  void applicationOfAFolderInParts_isCheckedAgainstTheObjectsOfItsPart() {
    // The sub-agents' Application points at one part, sub-agents/shard-01, whose sub-agent sits in a namespace the
    // fleet's AppProject does not allow: found by the part's folder (its path's end), not by its last name alone.
    SortedMap<String, String> files = production();
    String s1 = files.remove("sub-agents/claude-sub-agent-s1.yaml");
    files.put("sub-agents/shard-01/claude-sub-agent-s1.yaml", s1.replace("namespace: booking-agents", "namespace: elsewhere"));
    files.put("ci-cd/argocd.yaml", files.get("ci-cd/argocd.yaml")
        .replace("path: generated/production/sub-agents\n", "path: generated/production/sub-agents/shard-01\n"));

    assertThat(new ReferencesValidator().validate(new RenderedTree(files), FLEET, PLAN))
        .anySatisfy(p -> assertThat(p.toString()).startsWith("ci-cd/argocd.yaml Application/")
            .contains("writes to namespace(s) [elsewhere] that AppProject \"booking-agents\" does not allow"));
  }

  @Test
  void treeFolder_isTheLongestEndOfTheSourcePathThatIsAFolderOfTheTree() {
    Set<String> folders = Set.of("", "sub-agents/", "sub-agents/shard-07/", "core/");

    assertThat(ReferencesValidator.Run.treeFolder("clusters/prod/sub-agents/shard-07", folders))
        .isEqualTo("sub-agents/shard-07/");
    assertThat(ReferencesValidator.Run.treeFolder("generated/production/core/", folders)).isEqualTo("core/");
    assertThat(ReferencesValidator.Run.treeFolder("generated/production", folders)).isEmpty();
    assertThat(ReferencesValidator.Run.includes("{argocd.yaml,operators.yaml}"))
        .containsExactly("argocd.yaml", "operators.yaml");
    assertThat(ReferencesValidator.Run.includes("argocd.yaml")).containsExactly("argocd.yaml");
  }

  @Test
  void serviceNamesInALongValue_areEachFoundWhereverTheyStand() {
    String text = "x".repeat(20_000) + " http://missing-a.booking-agents.svc:80 then booking-agent-a2-backend."
        + "booking-agents.svc, missing-b.booking-agents.svc.cluster.local:5432" + "-".repeat(300) + "nosvc.svc "
        + "a".repeat(200) + ".missing-c.booking-agents.svc";
    RenderedTree tree = mutate("core/configmap.yaml", "ConfigMap", "agent-discovery",
        cm -> ((ObjectNode) cm.path("data")).put("notes", text));

    assertThat(new ReferencesValidator().validate(tree, FLEET, PLAN)).map(Object::toString).containsExactly(
        "core/configmap.yaml ConfigMap/agent-discovery: data.notes: missing-a.booking-agents.svc names Service "
            + "\"missing-a\" in namespace \"booking-agents\", which is neither in the tree, nor created by an "
            + "operator of the platform plan, nor a stated prerequisite",
        "core/configmap.yaml ConfigMap/agent-discovery: data.notes: missing-b.booking-agents.svc.cluster.local names "
            + "Service \"missing-b\" in namespace \"booking-agents\", which is neither in the tree, nor created by an "
            + "operator of the platform plan, nor a stated prerequisite");
  }
}
