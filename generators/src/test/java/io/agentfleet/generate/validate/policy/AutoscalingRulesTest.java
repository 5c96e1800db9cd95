package io.agentfleet.generate.validate.policy;

import static io.agentfleet.generate.validate.Fixtures.at;
import static io.agentfleet.generate.validate.Fixtures.check;
import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import org.junit.jupiter.api.Test;

/** The interlocks between Deployments, HPAs, VPAs and PDBs. */
class AutoscalingRulesTest {
  private static final String HPA = """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        minReplicas: 1
        maxReplicas: 4
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        metrics:
        - type: Resource
          resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
      """;
  private static final String VPA = """
      apiVersion: autoscaling.k8s.io/v1
      kind: VerticalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        updatePolicy: {updateMode: %s}
      """;
  private static final String PDB = """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web, namespace: fleet}
      spec:
        selector: {matchLabels: {app: %s}}
        %s
      """;

  @Test
  void replicas_whenHpaOwnsThemAndUnset_pass() {
    assertThat(check(new HpaOwnsReplicasRule(), deployment(), yaml(HPA))).isEmpty();
  }

  @Test
  void replicas_whenSetUnderAnHpa_fail() {
    ObjectNode d = deployment();
    at(d, "/spec").put("replicas", 2);

    assertThat(check(new HpaOwnsReplicasRule(), d, yaml(HPA))).containsExactly(new Problem("app.yaml Deployment/web",
        "spec.replicas: must not be set, HorizontalPodAutoscaler/web owns the replica count (every apply would reset"
            + " what it scaled to)"));
  }

  @Test
  void replicas_whenSetWithoutHpa_pass() {
    ObjectNode d = deployment();
    at(d, "/spec").put("replicas", 2);

    assertThat(check(new HpaOwnsReplicasRule(), d)).isEmpty();
  }

  @Test
  void hpaRequests_whenEveryContainerRequestsCpu_pass() {
    assertThat(check(new HpaRequestsRule(), deployment(), yaml(HPA))).isEmpty();
  }

  @Test
  void hpaRequests_whenContainerLacksTheRequest_fail() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/resources/requests").remove("cpu");

    assertThat(check(new HpaRequestsRule(), d, yaml(HPA))).containsExactly(new Problem(
        "app.yaml HorizontalPodAutoscaler/web",
        "spec.metrics[0].resource: cpu Utilization needs resources.requests.cpu on container \"agent\" of Deployment/web"));
  }

  @Test
  void vpa_whenOffBesideCpuHpa_passes() {
    assertThat(check(new VpaHpaConflictRule(), deployment(), yaml(HPA), yaml(VPA.formatted("\"Off\"")))).isEmpty();
  }

  @Test
  void vpa_whenLeavingCpuAloneBesideCpuHpa_passes() {
    ObjectNode vpa = yaml(VPA.formatted("Recreate"));
    at(vpa, "/spec").set("resourcePolicy", yaml("containerPolicies: [{containerName: '*', controlledResources: [memory]}]"));

    assertThat(check(new VpaHpaConflictRule(), deployment(), yaml(HPA), vpa)).isEmpty();
  }

  @Test
  void vpa_whenActingOnCpuBesideCpuHpa_fails() {
    assertThat(check(new VpaHpaConflictRule(), deployment(), yaml(HPA), yaml(VPA.formatted("Recreate"))))
        .containsExactly(new Problem("app.yaml VerticalPodAutoscaler/web",
            "spec.updatePolicy.updateMode: must be \"Off\" while the VPA controls cpu, which HorizontalPodAutoscaler/web"
                + " scales Deployment/web on (or leave cpu out of"
                + " spec.resourcePolicy.containerPolicies[].controlledResources)"));
  }

  @Test
  void pdb_whenOneOfOneReplicaMayGo_passes() {
    assertThat(check(new DisruptionBudgetRule(), deployment(), yaml(PDB.formatted("web", "maxUnavailable: 1"))))
        .isEmpty();
  }

  @Test
  void pdb_whenMinAvailableIsTheOnlyReplica_fails() {
    assertThat(check(new DisruptionBudgetRule(), deployment(), yaml(PDB.formatted("web", "minAvailable: 1"))))
        .containsExactly(new Problem("app.yaml PodDisruptionBudget/web", "spec.minAvailable: 1 with 1 replica"
            + " (Deployment/web) leaves no pod evictable; lower it or use maxUnavailable: 1"));
  }

  @Test
  void pdb_whenMinAvailableBelowHpaMinimum_passes() {
    ObjectNode hpa = yaml(HPA);
    at(hpa, "/spec").put("minReplicas", 2);

    assertThat(check(new DisruptionBudgetRule(), deployment(), hpa, yaml(PDB.formatted("web", "minAvailable: 1"))))
        .isEmpty();
  }

  @Test
  void pdb_whenMaxUnavailableZero_fails() {
    assertThat(check(new DisruptionBudgetRule(), deployment(), yaml(PDB.formatted("web", "maxUnavailable: 0"))))
        .containsExactly(new Problem("app.yaml PodDisruptionBudget/web",
            "spec.maxUnavailable: 0 leaves no pod evictable (node drains block); allow at least 1"));
  }

  @Test
  void pdb_whenSelectingNoWorkload_fails() {
    assertThat(check(new DisruptionBudgetRule(), deployment(), yaml(PDB.formatted("api", "maxUnavailable: 1"))))
        .containsExactly(new Problem("app.yaml PodDisruptionBudget/web",
            "spec.selector: app=api matches no pod template of a workload in namespace \"fleet\""));
  }
}
