package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.TestFleets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ManifestTreeTest {
  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("worker").withNamespace("fleet").addToLabels("app", "worker").endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewStrategy().withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(
            new IntOrString(0)).endRollingUpdate().endStrategy()
        .withNewTemplate().withNewSpec().addNewContainer().withName("worker").withImage("worker:1")
        .withArgs(List.of())
        .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("1Gi"))
        .endResources().endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static GenericKubernetesResource scaledObject() {
    return new GenericKubernetesResourceBuilder().withApiVersion("keda.sh/v1alpha1").withKind("ScaledObject")
        .withNewMetadata().withName("worker").withNamespace("fleet").endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("minReplicaCount", 0, "scaleTargetRef", Map.of("name", "worker"))))
        .build();
  }

  private static ManifestFile file(HasMetadata... objects) {
    List<Document> docs = new java.util.ArrayList<>();
    for (HasMetadata o : objects) {
      docs.add(Document.of(o, "Why it is so.").note("/metadata/name", "subAgents[worker]"));
    }
    return ManifestFile.yaml("fleet/worker.yaml", docs);
  }

  /** A tree of {@code file}, frozen when asked, and a README. */
  private static ManifestTree tree(ManifestFile file, boolean freeze) {
    ManifestTree tree = new ManifestTree();
    tree.add(freeze ? tree.freeze(file) : file);
    tree.add(tree.freeze(ManifestFile.text("fleet/README.md", "# worker\n")));
    return tree;
  }

  @Test
  void freeze_writesTheSameBytesAndKeepsCommentsAndNotes() {
    String before = RenderedTree.of(tree(file(deployment(), scaledObject()), false)).files().get("fleet/worker.yaml");
    RenderedTree after = RenderedTree.of(tree(file(deployment(), scaledObject()), true));
    assertThat(after.files().get("fleet/worker.yaml")).isEqualTo(before).contains("# Why it is so.")
        .contains("name: worker  # subAgents[worker]");
    assertThat(after.files().get("fleet/README.md")).isEqualTo("# worker\n");
  }

  @Test
  void frozenDocument_readsItsObjectBackAsTheSameKindWritingTheSame() {
    Deployment original = deployment();
    ManifestTree tree = tree(file(original, scaledObject()), true);
    List<Document> docs = tree.files().get("fleet/worker.yaml").documents();
    HasMetadata back = docs.get(0).resource();
    assertThat(back).isInstanceOf(Deployment.class).isNotSameAs(original);
    assertThat(YamlRenderer.toTree(back)).isEqualTo(YamlRenderer.toTree(original));
    assertThat(((Deployment) back).getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
        .getRequests().get("cpu")).isEqualTo(new Quantity("250m"));
    assertThat(docs.get(1).resource()).isInstanceOf(GenericKubernetesResource.class);
    assertThat(docs.get(0).id()).isEqualTo("Deployment/worker");
    assertThat(docs.get(1).id()).isEqualTo("ScaledObject/worker");
    assertThat(docs.get(0).notes()).isEqualTo(new TreeMap<>(Map.of("/metadata/name", "subAgents[worker]")));
    assertThat(docs.get(0).comment()).isEqualTo("Why it is so.");
    Document unfrozen = Document.of(original, "Why it is so.").note("/metadata/name", "subAgents[worker]");
    assertThat(docs.get(0)).isEqualTo(unfrozen).hasSameHashCodeAs(unfrozen);
    assertThat(unfrozen).isEqualTo(docs.get(0));
    assertThat(docs.get(0)).isNotEqualTo(unfrozen.note("/spec/replicas", "subAgents[worker].replicas"));
    // A note added after freezing is written like any other.
    assertThat(YamlRenderer.render(List.of(docs.get(0).note("/spec/replicas", "subAgents[worker].replicas"))))
        .contains("replicas: 2  # subAgents[worker].replicas");
  }

  @Test
  void freeze_letsTheObjectsGo() throws Exception {
    Deployment original = deployment();
    WeakReference<Deployment> ref = new WeakReference<>(original);
    ManifestTree tree = new ManifestTree();
    ManifestFile file = file(original);
    // The JSON tree made before freezing (as a decorator's notes make it) is taken from the tree's cache.
    tree.json(file.documents().get(0));
    original = null;
    tree.add(tree.freeze(file));
    file = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(ref.get()).as("the object, once its document is frozen").isNull();
    assertThat(RenderedTree.of(tree).files().get("fleet/worker.yaml")).contains("image: worker:1");
  }

  @Test
  void generatedTree_everyObjectReadBackWritesItsJsonTree() {
    ManifestTree tree = TestFleets.bookingManifests();
    int objects = 0;
    for (ManifestFile f : tree.files().values()) {
      for (Document d : f.documents()) {
        assertThat(YamlRenderer.toTree(d.resource())).as(f.path() + " " + d.id()).isEqualTo(tree.json(d));
        objects++;
      }
    }
    assertThat(objects).isGreaterThan(100);
  }

  @Test
  void deferredTree_readsDocumentsAndReadmesBeforeRendering_thenWritesWhatRenderingAtOnceWrites() {
    RenderedTree deferred = RenderedTree.deferred(tree(file(deployment(), scaledObject()), false));
    assertThat(deferred.paths()).containsExactly("fleet/README.md", "fleet/worker.yaml");
    assertThat(deferred.documents().get("fleet/worker.yaml")).hasSize(2);
    assertThat(deferred.documents().get("fleet/worker.yaml").get(0).path("kind").asText()).isEqualTo("Deployment");
    assertThat(deferred.text("fleet/README.md")).isEqualTo("# worker\n");
    assertThat(deferred.text("fleet/none.yaml")).isNull();
    deferred.releaseDocuments();
    deferred.render(Parallel.none());
    RenderedTree atOnce = RenderedTree.of(tree(file(deployment(), scaledObject()), false));
    assertThat(deferred.files()).isEqualTo(atOnce.files());
    assertThat(deferred.text("fleet/worker.yaml")).isEqualTo(atOnce.files().get("fleet/worker.yaml"))
        .contains("name: worker  # subAgents[worker]");
  }

  @Test
  void deferredTree_readForItsFiles_rendersThemFirst() {
    RenderedTree deferred = RenderedTree.deferred(tree(file(deployment()), true));
    assertThat(deferred.text("fleet/worker.yaml")).contains("image: worker:1");
    assertThat(deferred.files().get("fleet/worker.yaml")).isEqualTo(deferred.text("fleet/worker.yaml"));
    assertThat(deferred.files()).containsOnlyKeys("fleet/README.md", "fleet/worker.yaml");
  }
}
