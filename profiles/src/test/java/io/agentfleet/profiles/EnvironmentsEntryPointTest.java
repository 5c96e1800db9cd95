package io.agentfleet.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentfleet.generate.EnvironmentsEntryPoint;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeValidationException;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.model.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry point of several environments refuses what would break them in one cluster, before it is written. */
class EnvironmentsEntryPointTest {
  private static final String FLEET = String.join("\n",
      "name: shop",
      "gitops: { repository: https://github.com/example/shop-gitops.git }",
      "subAgents:",
      "  - { id: s1, role: senior-developer, image: agent:1.0, replicas: 1..4, requests: { cpu: 1, memory: 2Gi } }",
      "environments:") + "\n";

  private static Map<String, GenerationResult> generate(String environments) {
    FleetEnvironments envs = FleetYaml.readEnvironments(FLEET + environments, "fleet.yaml");
    Map<String, GenerationResult> out = new LinkedHashMap<>();
    for (String env : envs.names()) {
      out.put(env, FleetGenerator.builder().profile(Profiles.named(env)).validators(List.of()).build()
          .generate(envs.get(env)));
    }
    return out;
  }

  private static List<String> refusal(String environments) {
    TreeValidationException e = catchThrowableOfType(TreeValidationException.class,
        () -> EnvironmentsEntryPoint.of(generate(environments), null, null));
    assertThat(e).as("the entry point should be refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void of_whenEnvironmentsKeepTheirOwnNames_writesOneApplicationSetOverAll() {
    String yaml = EnvironmentsEntryPoint.of(generate("  dev: {}\n  production: {}\n"), null, null)
        .files().get(EnvironmentsEntryPoint.FILE);

    assertThat(yaml).contains("kind: ApplicationSet", "applicationsSync: create-only", "name: shop-dev",
        "include: \"{argocd.yaml,operators.yaml}\"");
  }

  @Test
  void of_whenTwoEnvironmentsWriteOneNamespace_namesEveryObjectTheyShare() {
    assertThat(refusal("  dev: { namespace: shop }\n  production: {}\n"))
        .contains("/Namespace shop: written by the environments dev and production: in one cluster their "
            + "Applications would fight over it (give each environment its own namespace, or leave the names to the "
            + "environments' suffixes)");
  }

  @Test
  void of_whenAnEnvironmentNeedsAnOperatorTheInstallingOneLacks_namesIt() {
    assertThat(refusal("  dev: { subAgents: [ { id: s1, replicas: 1..3, scaling: { autoscaler: keda } } ] }\n"
        + "  production: {}\n"))
        .anySatisfy(p -> assertThat(p).startsWith("environments.dev: needs the operator(s) keda, which production "
            + "(the environment that installs the cluster's operators, once for all) does not install"));
  }
}
