package io.agentfleet.generate.validate.policy;

import static io.agentfleet.generate.validate.Fixtures.check;
import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import org.junit.jupiter.api.Test;

/** Selectors and references that must resolve inside the tree. */
class ReferenceRulesTest {
  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: fleet}
      spec:
        selector: {app: %s}
        ports: [{port: 80, targetPort: http}]
      """;
  private static final String HPA = """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        minReplicas: 1
        maxReplicas: 4
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
      """;
  private static final String VPA = """
      apiVersion: autoscaling.k8s.io/v1
      kind: VerticalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        targetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
        updatePolicy: {updateMode: "Off"}
      """;
  private static final String ROLE_BINDING = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: reader, namespace: fleet}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: reader}
      subjects: [{kind: ServiceAccount, name: agent, namespace: fleet}]
      """;

  @Test
  void serviceSelector_whenMatchingAPodTemplate_passes() {
    assertThat(check(new ServiceSelectorRule(), deployment(), yaml(SERVICE.formatted("web")))).isEmpty();
  }

  @Test
  void serviceSelector_whenMatchingNoPodTemplate_fails() {
    assertThat(check(new ServiceSelectorRule(), deployment(), yaml(SERVICE.formatted("api")))).containsExactly(
        new Problem("app.yaml Service/web", "spec.selector: app=api matches no pod template of a workload in namespace"
            + " \"fleet\""));
  }

  @Test
  void serviceSelector_whenSelectingOneStatefulSetOrdinal_matchesThePodNameItsControllerSets() {
    String statefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: pg, namespace: fleet}
        spec:
          replicas: 3
          serviceName: pg
          selector: {matchLabels: {app: pg}}
          template: {metadata: {labels: {app: pg}}, spec: {containers: [{name: c, image: "pg:1"}]}}
        """;
    String primary = """
        apiVersion: v1
        kind: Service
        metadata: {name: pg-rw, namespace: fleet}
        spec:
          selector: {app: pg, statefulset.kubernetes.io/pod-name: %s}
          ports: [{port: 5432}]
        """;
    assertThat(check(new ServiceSelectorRule(), yaml(statefulSet), yaml(primary.formatted("pg-0")))).isEmpty();
    assertThat(check(new ServiceSelectorRule(), yaml(statefulSet), yaml(primary.formatted("pg-3")))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("matches no pod template"));
  }

  @Test
  void scaleTarget_whenHpaTargetsAWorkloadOfTheTree_passes() {
    assertThat(check(new ScaleTargetRule(), deployment(), yaml(HPA.formatted("web")))).isEmpty();
  }

  @Test
  void scaleTarget_whenHpaTargetMissing_fails() {
    assertThat(check(new ScaleTargetRule(), deployment(), yaml(HPA.formatted("api")))).containsExactly(
        new Problem("app.yaml HorizontalPodAutoscaler/web",
            "spec.scaleTargetRef: Deployment/api not found in namespace \"fleet\""));
  }

  @Test
  void scaleTarget_whenVpaTargetMissing_fails() {
    assertThat(check(new ScaleTargetRule(), deployment(), yaml(VPA.formatted("api")))).containsExactly(
        new Problem("app.yaml VerticalPodAutoscaler/web", "spec.targetRef: Deployment/api not found in namespace \"fleet\""));
  }

  @Test
  void scaleTarget_whenVpaTargetsAWorkloadOfTheTree_passes() {
    assertThat(check(new ScaleTargetRule(), deployment(), yaml(VPA.formatted("web")))).isEmpty();
  }

  @Test
  void roleRef_whenRoleInTheTree_passes() {
    String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: fleet}\n"
        + "rules: [{apiGroups: [''], resources: [configmaps], verbs: [get]}]\n";

    assertThat(check(new RoleRefRule(), yaml(role), yaml(ROLE_BINDING.formatted("Role")))).isEmpty();
  }

  @Test
  void roleRef_whenRoleNotInTheTree_fails() {
    assertThat(check(new RoleRefRule(), yaml(ROLE_BINDING.formatted("Role")))).containsExactly(
        new Problem("app.yaml RoleBinding/reader", "roleRef.name: Role \"reader\" not found in namespace \"fleet\""));
  }

  @Test
  void roleRef_whenClusterRole_passes() {
    assertThat(check(new RoleRefRule(), yaml(ROLE_BINDING.formatted("ClusterRole")))).isEmpty();
  }
}
