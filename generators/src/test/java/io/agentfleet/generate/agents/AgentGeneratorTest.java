package io.agentfleet.generate.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.AgentSpec;
import io.agentfleet.model.ComponentSpec;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.IngressSpec;
import io.agentfleet.model.SecretsSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentGeneratorTest {
  private final Fleet fleet = TestFleets.booking();

  private static List<HasMetadata> objects(Fleet f, int agent) {
    return AgentGenerator.documents(f, f.agents().get(agent)).stream().map(Document::resource).toList();
  }

  private static <T> T named(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).filter(o -> o.getMetadata().getName().equals(name))
        .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static Optional<EnvVar> env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  @Test
  void generate_writesOneFilePerAgentAsTheSeedNamesThem() {
    assertThat(new AgentGenerator().generate(fleet)).extracting(ManifestFile::path).containsExactly(
        "agents/booking-agent-a2.yaml", "agents/booking-agent-a3.yaml", "agents/booking-agent-a4.yaml");
  }

  @Test
  void worker_isRecreatedOnItsOwnWorkspaceAndPushesWithTheTokenFromItsSecret() {
    Deployment worker = named(objects(fleet, 0), Deployment.class, "booking-agent-a2-worker");
    PodSpec pod = worker.getSpec().getTemplate().getSpec();
    assertThat(worker.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(worker.getSpec().getReplicas()).isEqualTo(1);
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("workspace")).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("booking-agent-a2-worker"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container c = pod.getContainers().get(0);
    assertThat(env(c, "GIT_TOKEN")).hasValueSatisfying(e -> {
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("booking-agent-a2-git");
      assertThat(e.getValue()).isNull();
    });
    assertThat(env(c, "BACKEND_URL")).hasValueSatisfying(e ->
        assertThat(e.getValue()).isEqualTo("http://booking-agent-a2-backend.booking-agents.svc:8080"));
    assertThat(worker.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("agentfleet.io/https-egress", "true").containsEntry("agentfleet.io/agent", "a2");
  }

  @Test
  void backend_runsAsTheDotnetUserAndReadsItsOwnDatabaseSecret() {
    Deployment backend = named(objects(fleet, 1), Deployment.class, "booking-agent-a3-backend");
    PodSpec pod = backend.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1654L);
    Container c = pod.getContainers().get(0);
    assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080);
    assertThat(env(c, "DB_PASSWORD")).hasValueSatisfying(e -> {
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("booking-agent-a3-db");
      assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    });
    assertThat(env(c, "DB_NAME")).hasValueSatisfying(e -> assertThat(e.getValue()).isEqualTo("a3"));
    assertThat(env(c, "DB_HOST")).hasValueSatisfying(e ->
        assertThat(e.getValue()).isEqualTo("booking-agents-postgres-rw.booking-agents.svc"));
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
  }

  @Test
  void frontend_runsAsNonRootOnPort3000WithWritableCacheOnly() {
    Deployment frontend = named(objects(fleet, 0), Deployment.class, "booking-agent-a2-frontend");
    PodSpec pod = frontend.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
    assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(3000);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/app/.next/cache", "/tmp");
  }

  @Test
  void agentsHaveNoDisruptionBudgets_whenTheReadmeSaysTheyDo_everyPartHasOneThatNeverBlocksADrain() {
    // Issue 9 (minor): the tree README promised agents disruption budgets and the single-replica parts had none.
    List<PodDisruptionBudget> budgets = objects(fleet, 0).stream().filter(PodDisruptionBudget.class::isInstance)
        .map(PodDisruptionBudget.class::cast).toList();
    assertThat(budgets).extracting(b -> b.getMetadata().getName())
        .containsExactlyInAnyOrder("booking-agent-a2-worker", "booking-agent-a2-frontend", "booking-agent-a2-backend");
    assertThat(budgets).allSatisfy(b -> {
      assertThat(b.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(b.getSpec().getMinAvailable()).isNull();
      assertThat(b.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
      assertThat(b.getSpec().getSelector().getMatchLabels())
          .containsEntry("app.kubernetes.io/instance", b.getMetadata().getName());
    });
  }

  @Test
  void ingress_isOffByDefaultAndPublishesOnlyTheFrontendWhenConfigured() {
    assertThat(objects(fleet, 0)).noneMatch(o -> o.getKind().equals("Ingress"));
    FleetSpec spec = FleetSpec.builder().from(TestFleets.bookingSpec())
        .agents(List.of(AgentSpec.builder().from(TestFleets.bookingSpec().agents().get(0))
            .ingress(IngressSpec.builder().host("a2.agents.example.com").className("nginx").tlsSecret("a2-tls").build())
            .build()))
        .build();
    var ingress = named(objects(FleetResolver.resolve(spec), 0),
        io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "booking-agent-a2-frontend");
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("a2.agents.example.com");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
        .isEqualTo("booking-agent-a2-frontend");
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("a2-tls");
  }

  @Test
  void gitToken_isAnExternalSecretOnlyWhenTheFleetUsesExternalSecrets() {
    assertThat(objects(fleet, 0)).filteredOn(o -> o.getKind().equals("ExternalSecret"))
        .extracting(o -> o.getMetadata().getName()).containsExactly("booking-agent-a2-git");
    Fleet manual = FleetResolver.resolve(FleetSpec.builder().from(TestFleets.bookingSpec())
        .secrets(SecretsSpec.manual()).build());
    assertThat(objects(manual, 0)).noneMatch(o -> o.getKind().equals("ExternalSecret") || o.getKind().equals("Secret"));
  }

  @Test
  void everyPart_hasItsOwnAccountWithoutToken() {
    assertThat(objects(fleet, 0)).filteredOn(o -> o.getKind().equals("ServiceAccount"))
        .extracting(o -> o.getMetadata().getName() + "="
            + ((io.fabric8.kubernetes.api.model.ServiceAccount) o).getAutomountServiceAccountToken())
        .containsExactly("booking-agent-a2-worker=false", "booking-agent-a2-frontend=false",
            "booking-agent-a2-backend=false");
  }
}
