package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetCapacityTest {

  @Test
  void fullScale_whenExampleFleet_addsMaximumReplicasWorkersAndOneSurgePodPerDeployment() {
    Capacity need = TestFleets.exampleFleet().fullScale();

    // sub-agents 46.5 + surge 8; workers 3 x 1; frontends 3 x 100m x (1 + 1 surge); backends 3 x 250m x (1 + 1);
    // database: 3 instances x (500m + 100m Barman sidecar), backup and isolation jobs 100m each
    assertThat(need.cpuRequests()).isEqualTo(Quantity.parse("61.6"));
    assertThat(need.cpuRequests().toString()).isEqualTo("61600m");
    // 93Gi + 16Gi surge; workers 3 x 2Gi; frontends 6 x 256Mi; backends 6 x 512Mi; database 3 x 1.25Gi + 2 x 256Mi
    assertThat(need.memoryRequests()).isEqualTo(Quantity.parse("123.75Gi"));
    assertThat(need.cpuLimits()).isEqualTo(Quantity.parse("125.7"));
    assertThat(need.memoryLimits()).isEqualTo(Quantity.parse("123.75Gi"));
    // 35 sub-agent pods + 6 surge, 3 workers (recreated, no surge), 3 x 2 frontends, 3 x 2 backends, 3 + 2 database
    assertThat(need.pods()).isEqualTo(61);
    // 3 workspaces, 3 PostgreSQL volumes of 50Gi, the 50Gi backup volume
    assertThat(need.persistentVolumeClaims()).isEqualTo(7);
    assertThat(need.storage().toString()).isEqualTo("260Gi");
  }

  @Test
  void breakdown_whenExampleFleet_saysWhereTheDemandComesFrom() {
    FleetCapacity.Breakdown breakdown = TestFleets.exampleFleet().breakdown();

    assertThat(breakdown.parts()).extracting(FleetCapacity.Part::what)
        .containsExactly("sub-agents at maximum replicas", "standard agents", "database",
            "rolling-update surge");
    assertThat(breakdown.parts()).extracting(p -> p.cpu().describeCpu())
        .containsExactly("46.5 CPUs", "4.05 CPUs", "2 CPUs", "9.05 CPUs");
    assertThat(breakdown.parts()).extracting(p -> p.memory().toString())
        .containsExactly("93Gi", "8448Mi", "4352Mi", "18688Mi");
    assertThat(breakdown.parts()).extracting(FleetCapacity.Part::pods).containsExactly(35, 9, 5, 12);
    assertThat(breakdown.describe()).isEqualTo("sub-agents at maximum replicas: 46.5 CPUs, 93Gi; "
        + "standard agents: 4.05 CPUs, 8.3Gi; database: 2 CPUs, 4.3Gi; "
        + "rolling-update surge: 9.05 CPUs, 18.3Gi");
  }

  @Test
  void fullScale_whenSeedSubAgentsOnly_requests46AndAHalfCpusAnd93GiPlusSurge() {
    Fleet fleet = FleetResolver.resolve(
        FleetSpec.builder().from(TestFleets.exampleSpec()).agents(List.of()).database(java.util.Optional.empty())
            .build());

    assertThat(fleet.fullScale().cpuRequests()).isEqualTo(Quantity.parse("54.5"));
    assertThat(fleet.fullScale().memoryRequests()).isEqualTo(Quantity.parse("109Gi"));
    assertThat(fleet.fullScale().pods()).isEqualTo(41);
    assertThat(fleet.fullScale().persistentVolumeClaims()).isZero();
    assertThat(fleet.breakdown().describe())
        .isEqualTo("sub-agents at maximum replicas: 46.5 CPUs, 93Gi; rolling-update surge: 8 CPUs, 16Gi");
  }

  @Test
  void resolve_whenSeedTableMeetsTheSeedFloorAsCluster_saysItIsShortAndByHowMuch() {
    assertThatThrownBy(() -> FleetResolver.resolve(FleetYaml.read(corpus("43-cluster-too-small-for-seed.yaml"))))
        .isInstanceOfSatisfying(FleetValidationException.class, e -> assertThat(e.lines()).singleElement().asString()
            .contains(": cluster: the fleet at full scale")
            .contains("46.5 CPUs", "93Gi", "rolling-update surge: 8 CPUs, 16Gi", "but the cluster has 20 CPUs and 64Gi")
            .endsWith("short by 34.5 CPUs and 45Gi of memory"));
  }

  @Test
  void resolve_whenSeedTableMeetsTheSeedFloorAsQuota_saysItIsShortAndByHowMuch() {
    assertThatThrownBy(() -> FleetResolver.resolve(FleetYaml.read(corpus("44-quota-too-small-for-seed.yaml"))))
        .isInstanceOfSatisfying(FleetValidationException.class, e -> {
          assertThat(e.lines()).hasSize(2);
          assertThat(e.lines().get(0))
              .contains(": quota: the fleet at full scale")
              .contains("46.5 CPUs", "93Gi", "rolling-update surge: 8 CPUs, 16Gi", "but the quota allows 20 CPUs and 64Gi")
              .endsWith("short by 34.5 CPUs and 45Gi of memory");
          assertThat(e.problems().get(1).toString()).endsWith("quota.pods: the fleet at full scale runs 41 pods, but the quota allows 40: short by 1");
        });
  }

  @Test
  void resolve_whenExampleFleetGetsTheSeedFloor_isShortByTheAgentsToo() {
    FleetSpec spec = FleetSpec.builder().from(TestFleets.exampleSpec())
        .cluster(CapacitySpec.of("20", "64Gi")).build();

    assertThatThrownBy(() -> FleetResolver.resolve(spec))
        .isInstanceOfSatisfying(FleetValidationException.class, e -> assertThat(e.lines()).containsExactly(
            "cluster: the fleet at full scale requests 61.6 CPUs and 123.8Gi of memory (sub-agents at maximum replicas: "
                + "46.5 CPUs, 93Gi; standard agents: 4.05 CPUs, 8.3Gi; database: 2 CPUs, 4.3Gi; "
                + "rolling-update surge: 9.05 CPUs, 18.3Gi), "
                + "but the cluster has 20 CPUs and 64Gi: short by 41.6 CPUs and 59.8Gi of memory"));
  }

  private static Path corpus(String name) {
    try {
      return Path.of(FleetCapacityTest.class.getResource("/invalid/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
