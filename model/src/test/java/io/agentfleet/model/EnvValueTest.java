package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** env: plain values and Secret references read, write back equal, and are checked against the tree's own names. */
class EnvValueTest {
  private static final String FLEET = """
      name: shop
      defaults: { subAgent: { image: claude-code-agent:2.1.0 } }
      subAgents:
        - id: s1
          role: senior-developer
          replicas: 1..4
          requests: { cpu: 1, memory: 2Gi }
          env:
            LOG_LEVEL: info
            MAX_TASKS: "2"
            GITHUB_TOKEN: { secret: shop-s1-env, key: github-token }
      """;

  @Test
  void read_whenPlainAndSecretValues_keepsBothAndWritesThemBack() {
    FleetSpec spec = FleetYaml.read(FLEET, "fleet.yaml");

    SubAgentSpec s1 = spec.subAgents().get(0);
    assertThat(s1.env()).containsEntry("LOG_LEVEL", EnvValue.of("info")).containsEntry("MAX_TASKS", EnvValue.of("2"))
        .containsEntry("GITHUB_TOKEN", EnvValue.fromSecret("shop-s1-env", "github-token"));
    assertThat(FleetYaml.read(FleetYaml.write(spec), "again")).isEqualTo(spec);
    assertThat(FleetResolver.resolve(spec).subAgents().get(0).env()).containsOnlyKeys("GITHUB_TOKEN", "LOG_LEVEL",
        "MAX_TASKS");
  }

  @Test
  void resolve_whenNameIsTheTreesOwnOrSecretIsMalformed_namesEachField() {
    String bad = FLEET.replace("LOG_LEVEL: info", "AGENT_ROLE: x\n      1BAD: y")
        .replace("secret: shop-s1-env", "secret: Shop_Env");

    assertThatThrownBy(() -> FleetResolver.resolve(FleetYaml.read(bad, "fleet.yaml"))).isInstanceOfSatisfying(FleetValidationException.class,
        e -> assertThat(e.lines()).anySatisfy(l -> assertThat(l).contains(": subAgents[s1].env.AGENT_ROLE: is set by the generated tree"))
            .anySatisfy(l -> assertThat(l).contains(": subAgents[s1].env.1BAD: '1BAD' is not an environment variable name"))
            .anySatisfy(l -> assertThat(l).contains(": subAgents[s1].env.GITHUB_TOKEN.secret: 'Shop_Env' is not a DNS-1123")));
  }
}
