package io.agentfleet.generate.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.Capacity;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.Percent;
import io.agentfleet.model.Quantity;
import io.agentfleet.model.QuotaSpec;
import io.agentfleet.model.SecretsSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoreGeneratorTest {
  private final Fleet fleet = TestFleets.booking();

  private Map<String, List<HasMetadata>> files(Fleet f) {
    return new CoreGenerator().generate(f).stream().collect(Collectors.toMap(ManifestFile::path,
        m -> m.documents().stream().map(Document::resource).toList()));
  }

  private <T> List<T> all(Fleet f, Class<T> type) {
    return files(f).values().stream().flatMap(List::stream).filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void generate_laysOutCoreAsTheSeedDoes() {
    assertThat(files(fleet)).containsOnlyKeys("core/namespace.yaml", "core/priority-classes.yaml", "core/rbac.yaml",
        "core/configmap.yaml", "core/secrets.yaml", "core/network-policies.yaml");
  }

  @Test
  void namespace_enforcesRestrictedPinnedToTheTargetVersion() {
    Namespace ns = all(fleet, Namespace.class).get(0);
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.34")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
  }

  @Test
  void quotaZeroHeadroom_whenNoneIsStated_holdsTheFleetAtFullScalePlusTwentyPercentOnEveryDimension() {
    ResourceQuota q = all(fleet, ResourceQuota.class).get(0);
    Map<String, String> hard = q.getSpec().getHard().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
    // Full scale: sub-agents at max 46.5 CPUs, 93Gi; agents A2-A4 4.05 CPUs, 8.3Gi; one surge pod per Deployment
    // 9.05, 18.3Gi; PostgreSQL 2 CPUs, 4.25Gi: 61.6 CPUs, 126720Mi, 61 pods, 7 claims, 260Gi. Issue 9 found the
    // quota exactly equal to that; each dimension now carries the 20% headroom, rounded up.
    assertThat(hard).containsEntry("requests.cpu", "73920m")
        .containsEntry("requests.memory", "152064Mi")
        .containsEntry("limits.cpu", "150840m")
        .containsEntry("pods", "74")
        .containsEntry("persistentvolumeclaims", "9")
        .containsEntry("requests.storage", "312Gi");
    Capacity need = fleet.fullScale();
    assertThat(Quantity.parse(hard.get("limits.memory"))).isGreaterThan(need.memoryLimits());
    assertThat(Integer.parseInt(hard.get("pods"))).isGreaterThan(need.pods());
    assertThat(Integer.parseInt(hard.get("persistentvolumeclaims"))).isGreaterThan(need.persistentVolumeClaims());
  }

  @Test
  void quotaZeroHeadroom_whenHeadroomIsConfigured_appliesItAndSaysSoBesideTheQuota() {
    Fleet f = FleetResolver.resolve(FleetSpec.builder().from(TestFleets.bookingSpec())
        .quota(QuotaSpec.builder().headroom(Percent.of(50)).build()).build());
    ResourceQuota q = all(f, ResourceQuota.class).get(0);

    assertThat(q.getSpec().getHard().get("pods").toString()).isEqualTo("92");
    assertThat(q.getSpec().getHard().get("requests.cpu").toString()).isEqualTo("92400m");
    assertThat(NamespaceResources.quotaComment(f)).contains("plus 50% headroom (quota.headroom) on every dimension");
  }

  @Test
  void priorityClasses_oneForEachPriorityUsedPrefixedWithTheFleet() {
    assertThat(all(fleet, PriorityClass.class)).extracting(p -> p.getMetadata().getName() + "=" + p.getValue())
        .containsExactly("booking-agents-medium=10000", "booking-agents-high=100000");
  }

  @Test
  void rbac_mountsATokenOnlyForWorkloadsGrantedApiAccessAndGrantsNoWildcards() {
    // Each sub-agent's ServiceAccount is in its own file (SubAgentGenerator), not here: core/ stays the same size
    // however many sub-agents the fleet has.
    assertThat(all(fleet, ServiceAccount.class)).extracting(sa -> sa.getMetadata().getName())
        .noneMatch(n -> n.startsWith("claude-sub-agent-"));
    assertThat(new io.agentfleet.generate.subagents.SubAgentGenerator().generate(fleet).stream()
        .flatMap(f -> f.documents().stream()).map(d -> d.resource())
        .filter(ServiceAccount.class::isInstance).map(ServiceAccount.class::cast))
        .extracting(sa -> sa.getMetadata().getName() + "=" + sa.getAutomountServiceAccountToken())
        .containsExactly("claude-sub-agent-s1=false", "claude-sub-agent-s2=false", "claude-sub-agent-s3=false",
            "claude-sub-agent-s4=false", "claude-sub-agent-s5=false", "claude-sub-agent-s6=true");
    Role role = all(fleet, Role.class).get(0);
    assertThat(role.getRules()).allSatisfy(r -> {
      assertThat(r.getVerbs()).containsExactly("get", "list", "watch");
      assertThat(r.getResources()).doesNotContain("*", "secrets");
      assertThat(r.getApiGroups()).doesNotContain("*");
    });
    RoleBinding binding = all(fleet, RoleBinding.class).get(0);
    assertThat(binding.getSubjects()).extracting(s -> s.getName()).containsExactly("claude-sub-agent-s6");
  }

  @Test
  void network_deniesAllThenAllowsDnsAndHttpsOutsidePrivateRanges() {
    List<NetworkPolicy> nps = all(fleet, NetworkPolicy.class);
    NetworkPolicy deny = nps.get(0);
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    NetworkPolicy dns = nps.get(1);
    assertThat(dns.getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).containsExactly("UDP/53", "TCP/53");
    NetworkPolicy https = nps.get(2);
    var block = https.getSpec().getEgress().get(0).getTo().get(0).getIpBlock();
    assertThat(block.getCidr()).isEqualTo("0.0.0.0/0");
    assertThat(block.getExcept()).contains("10.0.0.0/8", "169.254.0.0/16");
    assertThat(https.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(443);
  }

  @Test
  void discovery_listsEveryAgentAndSubAgentWithEndpoints() {
    String yaml = Discovery.content(fleet).toString();
    assertThat(yaml).contains("\"id\":\"a2\"", "http://booking-agent-a2-backend.booking-agents.svc:8080",
        "\"role\":\"devops-expert\"", "http://claude-sub-agent-s6.booking-agents.svc:8080", "\"replicas\":\"1..8\"");
  }

  @Test
  void secrets_whenManual_writesNoSecretObjectAtAll() {
    Fleet manual = FleetResolver.resolve(FleetSpec.builder().from(TestFleets.bookingSpec())
        .secrets(SecretsSpec.manual()).build());
    assertThat(files(manual)).doesNotContainKey("core/secrets.yaml");
  }

  @Test
  void secrets_whenExternal_referencesTheStoreAndHoldsNoValue() {
    HasMetadata es = files(fleet).get("core/secrets.yaml").get(0);
    assertThat(es.getKind()).isEqualTo("ExternalSecret");
    String text = io.agentfleet.generate.spi.YamlRenderer.toYaml(io.agentfleet.generate.spi.YamlRenderer.toTree(es));
    assertThat(text).contains("name: fleet-secrets", "key: booking-agents/claude-api-credentials")
        .doesNotContain("stringData");
  }

  @Test
  void secrets_whenExternalAndEnvReadsASecret_addsAnExternalSecretForItButNoneForTheAgentsOwn() {
    FleetSpec spec = TestFleets.bookingSpec();
    Fleet withEnv = FleetResolver.resolve(FleetSpec.builder().from(spec)
        .subAgents(List.of(io.agentfleet.model.SubAgentSpec.builder().from(spec.subAgents().get(0))
            .putEnv("JIRA_TOKEN", io.agentfleet.model.EnvValue.fromSecret("s1-env", "JIRA_TOKEN"))
            .putEnv("DB_PASS", io.agentfleet.model.EnvValue.fromSecret("booking-agent-a2-db", "password")).build()))
        .build());

    List<HasMetadata> secrets = files(withEnv).get("core/secrets.yaml");

    assertThat(secrets).extracting(m -> m.getMetadata().getName()).containsExactly("claude-api-credentials", "s1-env");
    String text = io.agentfleet.generate.spi.YamlRenderer.toYaml(io.agentfleet.generate.spi.YamlRenderer.toTree(secrets.get(1)));
    assertThat(text).contains("key: booking-agents/s1-env", "property: JIRA_TOKEN", "secretKey: JIRA_TOKEN");
  }
}
