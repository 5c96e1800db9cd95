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

/** Requests and limits, probes, and the names a pod refers to (service account, priority class). */
class WorkloadRulesTest {
  private static final String WEB = "app.yaml Deployment/web";
  private static final String C0 = "spec.template.spec.containers[0]";

  @Test
  void resources_whenRequestsAndMemoryLimitSet_pass() {
    assertThat(check(new ResourcesRule(), deployment())).isEmpty();
  }

  @Test
  void resources_whenCpuRequestAndMemoryLimitMissing_fail() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/resources/requests").remove("cpu");
    at(d, "/spec/template/spec/containers/0/resources").remove("limits");

    assertThat(check(new ResourcesRule(), d)).containsExactly(
        new Problem(WEB, C0 + ".resources.requests.cpu: must be set (container \"agent\")"),
        new Problem(WEB, C0 + ".resources.limits.memory: must be set (container \"agent\")"));
  }

  @Test
  void resources_whenInitContainerHasNoRequests_failsForRequestsOnly() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").putArray("initContainers").add(yaml("{name: init, image: example/init:1}"));

    assertThat(check(new ResourcesRule(), d)).containsExactly(
        new Problem(WEB, "spec.template.spec.initContainers[0].resources.requests.cpu: must be set (container \"init\")"),
        new Problem(WEB,
            "spec.template.spec.initContainers[0].resources.requests.memory: must be set (container \"init\")"));
  }

  @Test
  void probes_whenLivenessAndReadinessSet_pass() {
    assertThat(check(new ProbesRule(), deployment())).isEmpty();
  }

  @Test
  void probes_whenReadinessMissing_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0").remove("readinessProbe");

    assertThat(check(new ProbesRule(), d)).containsExactly(
        new Problem(WEB, C0 + ".readinessProbe: must be set (long-running container \"agent\")"));
  }

  @Test
  void probes_whenJob_areNotRequired() {
    ObjectNode job = yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: once, namespace: fleet}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: job, image: example/job:1}]
        """);

    assertThat(check(new ProbesRule(), job)).isEmpty();
  }

  @Test
  void serviceAccount_whenInTheTree_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").put("serviceAccountName", "agent");
    ObjectNode sa = yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: agent, namespace: fleet}\n");

    assertThat(check(new ServiceAccountRule(), sa, d)).isEmpty();
  }

  @Test
  void serviceAccount_whenMissingFromNamespace_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").put("serviceAccountName", "agent");
    ObjectNode elsewhere = yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: agent, namespace: other}\n");

    assertThat(check(new ServiceAccountRule(), elsewhere, d)).containsExactly(new Problem(WEB,
        "spec.template.spec.serviceAccountName: ServiceAccount \"agent\" not found in namespace \"fleet\""));
  }

  @Test
  void serviceAccount_whenDefault_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").put("serviceAccountName", "default");

    assertThat(check(new ServiceAccountRule(), d)).isEmpty();
  }

  @Test
  void priorityClass_whenInTheTree_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").put("priorityClassName", "fleet-high");
    ObjectNode pc = yaml("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: fleet-high}\nvalue: 1000\n");

    assertThat(check(new PriorityClassRule(), pc, d)).isEmpty();
  }

  @Test
  void priorityClass_whenNotInTheTree_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec").put("priorityClassName", "fleet-high");

    assertThat(check(new PriorityClassRule(), d)).containsExactly(
        new Problem(WEB, "spec.template.spec.priorityClassName: PriorityClass \"fleet-high\" not found in the tree"));
  }
}
