package io.agentfleet.generate.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.TestFleets;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.generate.validate.policy.PolicyRule;
import io.agentfleet.model.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Small manifests for validator tests, built from YAML strings, and trees made of them. */
public final class Fixtures {
  /** A Deployment that passes every schema and policy check in a restricted namespace. */
  public static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: fleet
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            securityContext:
              runAsNonRoot: true
              seccompProfile: {type: RuntimeDefault}
            containers:
            - name: agent
              image: example/agent:1.0
              ports: [{containerPort: 8080, name: http}]
              resources:
                requests: {cpu: 100m, memory: 128Mi}
                limits: {memory: 256Mi}
              livenessProbe: {httpGet: {path: /healthz, port: http}}
              readinessProbe: {httpGet: {path: /readyz, port: http}}
              securityContext:
                allowPrivilegeEscalation: false
                capabilities: {drop: [ALL]}
      """;

  public static final String NAMESPACE = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: fleet
        labels: {pod-security.kubernetes.io/enforce: restricted}
      """;

  private Fixtures() {}

  /** The first document of a YAML string as an object. */
  public static ObjectNode yaml(String text) {
    return (ObjectNode) YamlRenderer.parse(text).get(0);
  }

  public static ObjectNode deployment() {
    return yaml(DEPLOYMENT);
  }

  /** The object at a JSON pointer, to change a fixture in place. */
  public static ObjectNode at(JsonNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  /** A tree with all documents in one file, {@code app.yaml}. */
  public static RenderedTree tree(JsonNode... docs) {
    return file("app.yaml", docs);
  }

  /** A tree with one file holding the documents. */
  public static RenderedTree file(String path, JsonNode... docs) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(path, text(docs));
    return new RenderedTree(files);
  }

  /** The YAML text of documents, as the renderer writes them. */
  public static String text(JsonNode... docs) {
    return Arrays.stream(docs).map(d -> "---\n" + YamlRenderer.toYaml(d)).collect(Collectors.joining());
  }

  /** Runs one policy rule over every document of a one-file tree, as the PolicyValidator would. */
  public static List<Problem> check(PolicyRule rule, JsonNode... docs) {
    TreeIndex index = TreeIndex.of(tree(docs));
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : index.all()) {
      List<String> out = new ArrayList<>();
      rule.check(m, index, out);
      out.forEach(msg -> problems.add(new Problem(m.path(), msg)));
    }
    return problems;
  }

  /** The messages of problems, for compact assertions. */
  public static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  /** The shipped schemas as a folder of this checkout, for tests that read them by path or serve them. */
  public static String schemaFolder() {
    return TestFleets.schemaFolder().toString();
  }
}
