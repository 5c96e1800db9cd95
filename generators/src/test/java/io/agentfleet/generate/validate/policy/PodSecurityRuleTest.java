package io.agentfleet.generate.validate.policy;

import static io.agentfleet.generate.validate.Fixtures.at;
import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.messages;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSecurityRuleTest {
  private static final String R = " (Pod Security \"restricted\")";
  private static final String C0 = "spec.template.spec.containers[0]";

  private static List<String> check(JsonNode... docs) {
    return messages(Fixtures.check(new PodSecurityRule(), docs));
  }

  private static ObjectNode pod(ObjectNode d) {
    return at(d, "/spec/template/spec");
  }

  private static ObjectNode container(ObjectNode d) {
    return at(d, "/spec/template/spec/containers/0");
  }

  private static ObjectNode containerSc(ObjectNode d) {
    return at(d, "/spec/template/spec/containers/0/securityContext");
  }

  @Test
  void deployment_whenHardened_passesRestricted() {
    assertThat(check(yaml(Fixtures.NAMESPACE), deployment())).isEmpty();
  }

  @Test
  void runAsNonRoot_whenNeitherPodNorContainerSetsIt_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").remove("runAsNonRoot");

    assertThat(Fixtures.check(new PodSecurityRule(), d)).containsExactly(new Problem("app.yaml Deployment/web",
        "spec.template.spec.containers[0].securityContext.runAsNonRoot: must be true (Pod Security \"restricted\")"));
  }

  @Test
  void runAsNonRoot_whenSetOnEveryContainerInstead_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").remove("runAsNonRoot");
    containerSc(d).put("runAsNonRoot", true);

    assertThat(check(d)).isEmpty();
  }

  @Test
  void runAsNonRoot_whenPodSaysFalse_failsForPodAndContainer() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").put("runAsNonRoot", false);

    assertThat(check(d)).containsExactly("spec.template.spec.securityContext.runAsNonRoot: must be true" + R,
        C0 + ".securityContext.runAsNonRoot: must be true" + R);
  }

  @Test
  void allowPrivilegeEscalation_whenInitContainerLeavesItUnset_fails() {
    ObjectNode d = deployment();
    ObjectNode init = container(d).deepCopy().put("name", "init");
    ((ObjectNode) init.get("securityContext")).remove("allowPrivilegeEscalation");
    pod(d).putArray("initContainers").add(init);

    assertThat(check(d)).containsExactly(
        "spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation: must be false" + R);
  }

  @Test
  void capabilities_whenNotDroppingAll_fails() {
    ObjectNode d = deployment();
    containerSc(d).remove("capabilities");

    assertThat(check(d)).containsExactly(C0 + ".securityContext.capabilities.drop: must include ALL" + R);
  }

  @Test
  void capabilities_whenAddingOtherThanNetBindService_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/securityContext/capabilities").putArray("add").add("NET_BIND_SERVICE")
        .add("SYS_ADMIN");

    assertThat(check(d)).containsExactly(
        C0 + ".securityContext.capabilities.add: only NET_BIND_SERVICE may be added, not SYS_ADMIN" + R);
  }

  @Test
  void seccomp_whenUnset_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").remove("seccompProfile");

    assertThat(check(d)).containsExactly(C0 + ".securityContext.seccompProfile.type: must be RuntimeDefault or"
        + " Localhost (set it on the pod or on every container)" + R);
  }

  @Test
  void seccomp_whenLocalhostOnTheContainer_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").remove("seccompProfile");
    containerSc(d).set("seccompProfile", yaml("{type: Localhost, localhostProfile: agent.json}"));

    assertThat(check(d)).isEmpty();
  }

  @Test
  void seccomp_whenUnconfined_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext/seccompProfile").put("type", "Unconfined");

    assertThat(check(d)).containsExactly(
        "spec.template.spec.securityContext.seccompProfile.type: must be RuntimeDefault or Localhost" + R);
  }

  @Test
  void volumes_whenHostPath_failsNamingAllowedTypes() {
    ObjectNode d = deployment();
    pod(d).putArray("volumes").add(yaml("{name: logs, hostPath: {path: /var/log}}"));

    assertThat(check(d)).containsExactly("spec.template.spec.volumes[0]: volume type hostPath is not allowed (only"
        + " configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret)" + R);
  }

  @Test
  void volumes_whenEmptyDirConfigMapAndSecret_pass() {
    ObjectNode d = deployment();
    pod(d).putArray("volumes").add(yaml("{name: tmp, emptyDir: {}}")).add(yaml("{name: c, configMap: {name: c}}"))
        .add(yaml("{name: s, secret: {secretName: s}}"));

    assertThat(check(d)).isEmpty();
  }

  @Test
  void hostNamespaces_whenShared_fail() {
    ObjectNode d = deployment();
    pod(d).put("hostNetwork", true).put("hostPID", true).put("hostIPC", false);

    assertThat(check(d)).containsExactly("spec.template.spec.hostNetwork: must not be true" + R,
        "spec.template.spec.hostPID: must not be true" + R);
  }

  @Test
  void privileged_whenTrue_fails() {
    ObjectNode d = deployment();
    containerSc(d).put("privileged", true);

    assertThat(check(d)).containsExactly(C0 + ".securityContext.privileged: must not be true" + R);
  }

  @Test
  void hostPort_whenSet_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/ports/0").put("hostPort", 8080);

    assertThat(check(d)).containsExactly(C0 + ".ports[0].hostPort: must be unset or 0" + R);
  }

  @Test
  void runAsUser_whenRoot_fails() {
    ObjectNode d = deployment();
    containerSc(d).put("runAsUser", 0);

    assertThat(check(d)).containsExactly(C0 + ".securityContext.runAsUser: must not be 0" + R);
  }

  @Test
  void runAsUser_whenNonZero_passes() {
    ObjectNode d = deployment();
    containerSc(d).put("runAsUser", 10001);

    assertThat(check(d)).isEmpty();
  }

  @Test
  void sysctls_whenUnsafe_failAndSafeOnesPass() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").putArray("sysctls")
        .add(yaml("{name: net.ipv4.tcp_keepalive_time, value: '600'}"))
        .add(yaml("{name: net.core.somaxconn, value: '1024'}"));

    assertThat(check(d)).containsExactly(
        "spec.template.spec.securityContext.sysctls[1].name: net.core.somaxconn is not a safe sysctl" + R);
  }

  @Test
  void procMount_whenUnmasked_fails() {
    ObjectNode d = deployment();
    containerSc(d).put("procMount", "Unmasked");

    assertThat(check(d)).containsExactly(C0 + ".securityContext.procMount: must be unset or Default" + R);
  }

  @Test
  void appArmor_whenUnconfined_failsForFieldAndAnnotation() {
    ObjectNode d = deployment();
    containerSc(d).set("appArmorProfile", yaml("{type: Unconfined}"));
    at(d, "/spec/template/metadata").set("annotations",
        yaml("{container.apparmor.security.beta.kubernetes.io/agent: unconfined}"));

    assertThat(check(d)).containsExactly(
        "spec.template.metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/agent\"]: must be"
            + " runtime/default or localhost/<profile>" + R,
        C0 + ".securityContext.appArmorProfile.type: must be RuntimeDefault or Localhost" + R);
  }

  @Test
  void seLinux_whenCustomTypeOrUser_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").set("seLinuxOptions", yaml("{type: spc_t, user: root}"));

    assertThat(check(d)).containsExactly(
        "spec.template.spec.securityContext.seLinuxOptions.type: must be unset or one of container_t,"
            + " container_init_t, container_kvm_t, container_engine_t" + R,
        "spec.template.spec.securityContext.seLinuxOptions.user: must be unset" + R);
  }

  @Test
  void seLinux_whenContainerType_passes() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/securityContext").set("seLinuxOptions", yaml("{type: container_t, level: 's0:c1'}"));

    assertThat(check(d)).isEmpty();
  }

  @Test
  void probeHost_whenSet_fails() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/livenessProbe/httpGet").put("host", "10.0.0.1");

    assertThat(check(d)).containsExactly(C0 + ".livenessProbe.httpGet.host: must be unset" + R);
  }

  @Test
  void namespace_whenBaseline_judgesBaselineOnly() {
    ObjectNode ns = yaml(Fixtures.NAMESPACE);
    at(ns, "/metadata/labels").put("pod-security.kubernetes.io/enforce", "baseline");
    ObjectNode d = deployment();
    pod(d).remove("securityContext");
    pod(d).putArray("volumes").add(yaml("{name: logs, hostPath: {path: /var/log}}"));

    assertThat(check(ns, d)).containsExactly(
        "spec.template.spec.volumes[0].hostPath: must not be used (Pod Security \"baseline\")");
  }

  @Test
  void namespace_whenPrivileged_skipsPodSecurity() {
    ObjectNode ns = yaml(Fixtures.NAMESPACE);
    at(ns, "/metadata/labels").put("pod-security.kubernetes.io/enforce", "privileged");
    ObjectNode d = deployment();
    pod(d).put("hostNetwork", true);

    assertThat(check(ns, d)).isEmpty();
  }

  @Test
  void namespace_whenNotLabelled_isRestricted() {
    ObjectNode ns = yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: fleet}\n");
    ObjectNode d = deployment();
    pod(d).put("hostNetwork", true);

    assertThat(check(ns, d)).containsExactly("spec.template.spec.hostNetwork: must not be true" + R);
  }

  @Test
  void cronJob_whenNotHardened_failsAtItsPodTemplatePath() {
    ObjectNode job = yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: fleet}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: job
                    image: example/job:1
                    securityContext: {capabilities: {drop: [ALL]}}
        """);

    assertThat(Fixtures.check(new PodSecurityRule(), job)).containsExactly(new Problem("app.yaml CronJob/nightly",
        "spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: must be false" + R));
  }

  @Test
  void pod_whenWindowsHostProcess_fails() {
    ObjectNode p = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: win, namespace: fleet}
        spec:
          os: {name: windows}
          securityContext: {runAsNonRoot: true, windowsOptions: {hostProcess: true}}
          containers:
          - {name: c, image: example/win:1}
        """);

    assertThat(check(p)).containsExactly("spec.securityContext.windowsOptions.hostProcess: must not be true" + R);
  }
}
