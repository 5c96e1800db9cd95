package io.agentfleet.generate.validate.schema;

import static io.agentfleet.generate.validate.Fixtures.at;
import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.tree;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidatorTest {
  private static final SchemaValidator VALIDATOR = new SchemaValidator(null, null);
  private static final String VPA = """
      apiVersion: autoscaling.k8s.io/v1
      kind: VerticalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        updatePolicy: {updateMode: "Off"}
        resourcePolicy:
          containerPolicies:
          - {containerName: agent, controlledResources: [cpu, memory]}
      """;

  @TempDir
  Path cache;

  @Test
  void deployment_whenValid_passes() {
    assertThat(VALIDATOR.validate(tree(deployment()), "1.34")).isEmpty();
  }

  @Test
  void deployment_whenFieldMisspelt_namesTheField() {
    ObjectNode d = deployment();
    at(d, "/spec").put("replicsa", 2);

    assertThat(VALIDATOR.validate(tree(d), "1.34")).containsExactly(new Problem("app.yaml Deployment/web",
        "spec.replicsa: unknown field (not in the schema of Deployment apps/v1)"));
  }

  @Test
  void deployment_whenTypeWrong_namesTypeFoundAndExpected() {
    ObjectNode d = deployment();
    at(d, "/spec").put("replicas", "two");

    assertThat(VALIDATOR.validate(tree(d), "1.34")).containsExactly(
        new Problem("app.yaml Deployment/web", "spec.replicas: string found, integer expected"));
  }

  @Test
  void deployment_whenIntOrStringWrong_readsAsOneProblem() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0/livenessProbe/httpGet").set("port", yaml("a: 1"));

    assertThat(VALIDATOR.validate(tree(d), "1.34")).containsExactly(new Problem("app.yaml Deployment/web",
        "spec.template.spec.containers[0].livenessProbe.httpGet.port: object found, string or integer expected"));
  }

  @Test
  void deployment_whenRequiredFieldMissing_saysRequired() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0").remove("name");

    assertThat(VALIDATOR.validate(tree(d), "1.34")).containsExactly(
        new Problem("app.yaml Deployment/web", "spec.template.spec.containers[0].name: is required"));
  }

  @Test
  void verticalPodAutoscaler_whenValid_passesAgainstCrdSchema() {
    assertThat(VALIDATOR.validate(tree(yaml(VPA)), "1.34")).isEmpty();
  }

  @Test
  void verticalPodAutoscaler_whenFieldUnknown_fails() {
    ObjectNode vpa = yaml(VPA);
    at(vpa, "/spec/updatePolicy").put("updateMod", "Auto");

    assertThat(VALIDATOR.validate(tree(vpa), "1.34")).containsExactly(new Problem("app.yaml VerticalPodAutoscaler/web",
        "spec.updatePolicy.updateMod: unknown field (not in the schema of VerticalPodAutoscaler autoscaling.k8s.io/v1)"));
  }

  @Test
  void customResource_whenTopLevelKeyMisspelt_fails() {
    ObjectNode vpa = yaml(VPA);
    vpa.set("spce", vpa.get("spec"));

    assertThat(VALIDATOR.validate(tree(vpa), "1.34")).containsExactly(new Problem("app.yaml VerticalPodAutoscaler/web",
        "spce: unknown field (not in the schema of VerticalPodAutoscaler autoscaling.k8s.io/v1)"));
  }

  @Test
  void externalSecret_whenValid_passesAgainstCrdSchema() {
    JsonNode es = yaml("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: api, namespace: fleet}
        spec:
          secretStoreRef: {kind: ClusterSecretStore, name: vault}
          target: {name: api}
          data:
          - secretKey: api-key
            remoteRef: {key: fleet/api, property: key}
        """);

    assertThat(VALIDATOR.validate(tree(es), "1.34")).isEmpty();
  }

  @Test
  void unknownKind_whenValidated_failsWithNoSchema() {
    JsonNode widget = yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    String root = "classpath:io/agentfleet/schemas";

    assertThat(VALIDATOR.validate(tree(widget), "1.34")).containsExactly(new Problem("app.yaml Widget/w",
        "no schema for Widget example.com/v1 in " + root + "/kubernetes/v1.34.0-standalone-strict/widget-example-v1.json, "
            + root + "/crds/example.com/widget_v1.json; supply it with FleetGenerator.builder().schemaLocation(...)"));
  }

  @Test
  void document_whenKeyDuplicated_failsLikeKubeconformStrict() {
    SortedMap<String, String> files = new TreeMap<>();
    files.put("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");

    assertThat(VALIDATOR.validate(new RenderedTree(files), "1.34")).containsExactly(new Problem("cm.yaml",
        "line 5: duplicate key \"name\" (kubeconform -strict rejects duplicated keys)"));
  }

  @Test
  void schemaFolder_whenMissing_givesOneProblemForAllDocuments() {
    SchemaValidator missing = new SchemaValidator("/nonexistent/schemas", cache);

    List<Problem> problems = missing.validate(tree(deployment(), deployment(), yaml(VPA)), "1.34");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEmpty();
    assertThat(problems.get(0).message()).startsWith(
        "cannot read schemas from /nonexistent/schemas/kubernetes/v1.34.0-standalone-strict: folder does not exist;"
            + " cannot read schemas from /nonexistent/schemas/crds: folder does not exist;"
            + " 3 of 3 documents were not checked against a schema. Point FleetGenerator.builder().schemaLocation(...) at a local folder");
  }

  @Test
  void kubernetesVersion_whenFolderHasNoSchemasForIt_givesOneProblemAndStillChecksCrds() {
    ObjectNode vpa = yaml(VPA);
    at(vpa, "/spec/updatePolicy").put("updateMod", "Auto");

    List<Problem> problems = VALIDATOR.validate(tree(deployment(), deployment(), vpa), "1.33");

    assertThat(problems).extracting(Problem::message).hasSize(2);
    assertThat(problems.get(0).message()).startsWith("cannot read schemas from "
        + "classpath:io/agentfleet/schemas/kubernetes/v1.33.0-standalone-strict/: agentfleet ships only"
        + " kubernetes/v1.34.0-standalone-strict/; 2 of 3 documents were not checked against a schema.");
    assertThat(problems.get(1).message()).startsWith("spec.updatePolicy.updateMod: unknown field");
  }

  @Test
  void templates_whenGivenAsKubeconformFlags_findTheSameSchemas() {
    String root = Fixtures.schemaFolder();
    SchemaValidator templated = new SchemaValidator(
        root + "/kubernetes/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json,"
            + root + "/crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json", cache);
    ObjectNode bad = deployment();
    at(bad, "/spec").put("replicsa", 1);

    assertThat(templated.validate(tree(deployment(), yaml(VPA)), "v1.34.0")).isEmpty();
    assertThat(templated.validate(tree(bad), "1.34")).extracting(Problem::message)
        .containsExactly("spec.replicsa: unknown field (not in the schema of Deployment apps/v1)");
  }

  @Test
  void documents_whenSomeCheckedAhead_giveTheProblemsOfAPlainValidationInItsOrder() {
    ObjectNode misspelt = deployment();
    at(misspelt, "/spec").put("replicsa", 2);
    ObjectNode vpa = yaml(VPA);
    at(vpa, "/spec/updatePolicy").put("updateMod", "Auto");
    JsonNode widget = yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    RenderedTree tree = tree(misspelt, deployment(), vpa, widget);
    List<Problem> plain = new SchemaValidator(null, cache).validate(tree, "1.34");
    SchemaValidator ahead = new SchemaValidator(null, cache);
    List<JsonNode> docs = tree.documents().get("app.yaml");

    ahead.prepare(kinds(docs), "1.34");
    ahead.precheck(docs.get(0), "1.34");
    ahead.precheck(docs.get(3), "1.34");

    assertThat(plain).extracting(Problem::message).hasSize(3);
    assertThat(ahead.validate(tree, "1.34")).isEqualTo(plain);
  }

  @Test
  void document_whenCheckedAhead_isTakenFromThatCheckOnceAndOnlyForItsVersion() {
    RenderedTree tree = tree(deployment());
    JsonNode doc = tree.documents().get("app.yaml").get(0);
    SchemaValidator ahead = new SchemaValidator(null, cache);
    ahead.prepare(kinds(List.of(doc)), "1.34");
    ahead.precheck(doc, "1.34");
    // Finished documents are never changed; this one is, to show which check validate reports.
    ((ObjectNode) doc.get("spec")).put("replicsa", 2);
    String misspelt = "spec.replicsa: unknown field (not in the schema of Deployment apps/v1)";

    assertThat(ahead.validate(tree, "1.34")).as("the check made ahead").isEmpty();
    assertThat(ahead.validate(tree, "1.34")).as("checked again").extracting(Problem::message)
        .containsExactly(misspelt);

    ahead.precheck(doc, "1.34");
    ((ObjectNode) doc.get("spec")).remove("replicsa");
    assertThat(ahead.validate(tree, "1.33")).as("another Kubernetes version").extracting(Problem::message)
        .singleElement().asString().startsWith("cannot read schemas from ");
  }

  @Test
  void shippedSchemas_whenCompiledByOneValidator_serveEveryValidatorOfTheJvm() {
    SchemaValidator one = new SchemaValidator(null, cache);
    SchemaValidator other = new SchemaValidator("bundled", cache);

    one.prepare(List.of(java.util.Map.entry("policy/v1", "PodDisruptionBudget")), "1.34");

    assertThat(other.compiledSchema("policy/v1", "PodDisruptionBudget", "1.34")).isPresent()
        .containsSame(one.compiledSchema("policy/v1", "PodDisruptionBudget", "1.34").orElseThrow());
  }

  @Test
  void schemasOfAFolder_areCompiledPerValidator() throws Exception {
    // A folder may hold other schemas tomorrow (a refresh), so its compiled schemas are not kept for the whole JVM.
    Path folder = cache.resolve("mine");
    Path file = folder.resolve("kubernetes/v1.34.0-standalone-strict/configmap-v1.json");
    java.nio.file.Files.createDirectories(file.getParent());
    try (var in = getClass().getResourceAsStream(
        "/io/agentfleet/schemas/kubernetes/v1.34.0-standalone-strict/configmap-v1.json")) {
      java.nio.file.Files.copy(in, file);
    }
    SchemaValidator one = new SchemaValidator(folder.toString(), cache);
    SchemaValidator other = new SchemaValidator(folder.toString(), cache);
    JsonNode cm = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");

    assertThat(one.validate(tree(cm), "1.34")).isEmpty();

    assertThat(one.compiledSchema("v1", "ConfigMap", "1.34")).isPresent();
    assertThat(other.compiledSchema("v1", "ConfigMap", "1.34")).isEmpty();
  }

  private static List<java.util.Map.Entry<String, String>> kinds(List<JsonNode> docs) {
    return docs.stream().map(d -> java.util.Map.entry(d.path("apiVersion").asText(), d.path("kind").asText())).toList();
  }

  @Test
  void fiftyDocuments_whenValidatedTwice_compileEachSchemaOnce() {
    List<JsonNode> docs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ObjectNode d = deployment();
      at(d, "/metadata").put("name", "web-" + i);
      docs.add(d);
      docs.add(yaml(VPA));
      docs.add(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web-" + i + ", namespace: fleet}\n"
          + "spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n"));
      docs.add(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c-" + i + "}\ndata: {a: b}\n"));
      docs.add(yaml("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web-" + i + "}\n"
          + "spec: {maxReplicas: 3, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web-" + i + "}}\n"));
    }
    RenderedTree tree = tree(docs.toArray(JsonNode[]::new));
    SchemaValidator fresh = new SchemaValidator(null, cache);

    long t0 = System.nanoTime();
    List<Problem> first = fresh.validate(tree, "1.34");
    long t1 = System.nanoTime();
    List<Problem> second = fresh.validate(tree, "1.34");
    long t2 = System.nanoTime();
    System.out.printf("[timing] SchemaValidator, %d documents: first run %.0f ms (loads and compiles 5 schemas),"
        + " second run %.0f ms%n", docs.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);

    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
  }
}
