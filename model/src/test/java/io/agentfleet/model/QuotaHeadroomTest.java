package io.agentfleet.model;

import static io.agentfleet.model.TestFleets.SUB_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 9, defect 9: the ResourceQuota had zero headroom at full scale plus surge on every dimension. */
class QuotaHeadroomTest {
  @Test
  void quotaZeroHeadroom_whenNothingIsStated_everyDimensionGetsTheDefaultTwentyPercent() {
    Fleet fleet = TestFleets.exampleFleet();
    Capacity need = fleet.fullScale();
    Capacity hard = fleet.quota().hard();

    assertThat(fleet.quota().headroomPercent()).isEqualTo(Defaults.QUOTA_HEADROOM.value()).isEqualTo(20);
    assertThat(hard.cpuRequests()).isGreaterThan(need.cpuRequests()).isEqualTo(Quantity.parse("73920m"));
    assertThat(hard.memoryRequests()).isGreaterThan(need.memoryRequests()).isEqualTo(Quantity.parse("152064Mi"));
    assertThat(hard.cpuLimits()).isGreaterThan(need.cpuLimits()).isEqualTo(Quantity.parse("150840m"));
    assertThat(hard.memoryLimits()).isGreaterThan(need.memoryLimits());
    assertThat(hard.pods()).isEqualTo(74).isGreaterThan(need.pods());
    assertThat(hard.persistentVolumeClaims()).isEqualTo(9).isGreaterThan(need.persistentVolumeClaims());
    assertThat(hard.storage()).isEqualTo(Quantity.parse("312Gi")).isGreaterThan(need.storage());
    assertThat(fleet.quota().stated()).isEmpty();
  }

  @Test
  void quotaZeroHeadroom_whenASmallFleetRoundsUp_stillKeepsOneSparePodAndClaim() {
    Fleet fleet = TestFleets.fleet("name: f", "quota: { headroom: 1% }", "subAgents:", "  - " + SUB_AGENT);

    assertThat(fleet.fullScale().pods()).isEqualTo(3);
    assertThat(fleet.quota().hard().pods()).isEqualTo(4);
    assertThat(fleet.quota().hard().cpuRequests()).isEqualTo(Quantity.parse("3030m"));
  }

  @Test
  void quota_whenHeadroomIsZero_isExactlyTheFleetAtFullScale() {
    Fleet fleet = TestFleets.fleet("name: f", "quota: { headroom: 0% }", "subAgents:", "  - " + SUB_AGENT);

    assertThat(fleet.quota().hard()).isEqualTo(fleet.fullScale());
  }

  @Test
  void quota_whenCpuIsStatedWithRoomToSpare_keepsItAndDerivesTheRest() {
    Fleet fleet = TestFleets.fleet("name: f", "quota: { cpu: 10, headroom: 50% }", "subAgents:", "  - " + SUB_AGENT);

    assertThat(fleet.quota().hard().cpuRequests()).isEqualTo(Quantity.parse("10"));
    assertThat(fleet.quota().hard().cpuLimits()).as("limits never below requests").isEqualTo(Quantity.parse("10"));
    assertThat(fleet.quota().hard().memoryRequests()).isEqualTo(Quantity.parse("9Gi"));
    assertThat(fleet.quota().stated()).containsExactly("requests.cpu");
  }
}
