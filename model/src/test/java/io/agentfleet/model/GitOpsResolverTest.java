package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The GitOps section's documented defaults, and values given explicitly winning over them. */
class GitOpsResolverTest {
  private static ImmutableFleetSpec.Builder fleet() {
    return FleetSpec.builder().name("shop").addSubAgent(SubAgentSpec.builder().id("s1").role(Role.SENIOR_DEVELOPER)
        .image("claude-code-agent:2.1.0").replicas(ReplicaRange.between(1, 2)).requests(Compute.of("1", "2Gi")).build());
  }

  @Test
  void gitops_whenAbsent_defaultsToMainArgoCdAndFluxWithNoRepository() {
    GitOps g = FleetResolver.resolve(fleet().build()).gitops();

    assertThat(g.repository()).isEmpty();
    assertThat(g.revision()).isEqualTo("main");
    assertThat(g.pathFor("production")).isEqualTo("generated/production");
    assertThat(g.subAgentShards()).isEqualTo(1);
    assertThat(g.agentShards()).isEqualTo(1);
    assertThat(g.argocd()).isEqualTo(new GitOps.ArgoCd(true, "argocd", "shop", true));
    assertThat(g.flux()).isEqualTo(new GitOps.Flux(true, "flux-system", Span.parse("5m"), Span.parse("10m")));
  }

  @Test
  void gitops_whenGiven_usesTheStatedValues() {
    GitOps g = FleetResolver.resolve(fleet().gitops(GitOpsSpec.builder()
        .repository("git@github.com:example/shop-gitops.git").revision("refs/tags/v2").path("clusters/prod")
        .argocd(GitOpsSpec.ArgoCdSpec.builder().namespace("gitops").project("shop-prod").installOperators(false).build())
        .flux(GitOpsSpec.FluxSpec.builder().enabled(false).interval(Span.parse("10m")).build())
        .build()).build()).gitops();

    assertThat(g.pathFor("production")).isEqualTo("clusters/prod");
    assertThat(g.revision()).isEqualTo("refs/tags/v2");
    assertThat(g.argocd()).isEqualTo(new GitOps.ArgoCd(true, "gitops", "shop-prod", false));
    assertThat(g.flux().enabled()).isFalse();
    assertThat(g.flux().interval()).isEqualTo(Span.parse("10m"));
  }

  @Test
  void subAgentShards_whenGiven_isUsed_andOutside1To1000_isRefusedNamingTheField() {
    assertThat(FleetResolver.resolve(fleet().gitops(GitOpsSpec.builder().subAgentShards(40).build()).build())
        .gitops().subAgentShards()).isEqualTo(40);
    for (int bad : new int[] {0, -3, 1001}) {
      FleetValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(FleetValidationException.class,
          () -> FleetResolver.resolve(fleet().gitops(GitOpsSpec.builder().subAgentShards(bad).build()).build()));
      assertThat(e).as("subAgentShards " + bad).isNotNull();
      assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactly(
          org.assertj.core.groups.Tuple.tuple("gitops.subAgentShards", bad + " is outside 1..1000 (the number of "
              + "Applications and Kustomizations that share the sub-agents)"));
    }
  }
}
