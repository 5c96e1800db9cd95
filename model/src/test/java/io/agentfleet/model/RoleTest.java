package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void of_whenPresetName_givesThePresetWithItsTitle() {
    assertThat(Role.of("ux-expert")).isSameAs(Role.UX_EXPERT);
    assertThat(Role.of("DEVOPS_EXPERT")).isSameAs(Role.DEVOPS_EXPERT);
    assertThat(Role.UX_EXPERT.title()).isEqualTo("UX Expert");
    assertThat(Role.DEVOPS_EXPERT.toString()).isEqualTo("devops-expert");
    assertThat(Role.presets()).hasSize(6).allMatch(Role::isPreset);
  }

  @Test
  void of_whenUnknownName_isAValidRoleTitledFromItsWords() {
    Role triage = Role.of("triage-expert");
    assertThat(triage.isPreset()).isFalse();
    assertThat(triage.isValid()).isTrue();
    assertThat(triage.title()).isEqualTo("Triage Expert");
    assertThat(triage).isEqualTo(Role.of("triage-expert"));
  }

  @Test
  void error_whenNotALabelValue_namesTheRuleAndThePresets() {
    assertThat(Role.of("Senior Dev").error()).contains("'Senior Dev' is not a role name (at most 63 lower-case letters, "
        + "digits and '-', starting and ending with a letter or digit; presets: senior-developer, ui-developer, "
        + "ux-expert, test-expert, architecture-expert, devops-expert)");
    assertThat(Role.of(" ").error()).contains("must not be empty");
  }

  @Test
  void resolve_whenRoleIsOwn_keepsItAsLabelAndTitle() {
    Fleet fleet = TestFleets.fleet("name: f", "subAgents:",
        "  - " + TestFleets.SUB_AGENT.replace("senior-developer", "triage-expert"));
    assertThat(fleet.subAgents().get(0).role().name()).isEqualTo("triage-expert");
    assertThat(fleet.subAgents().get(0).role().title()).isEqualTo("Triage Expert");
  }
}
