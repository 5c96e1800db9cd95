package io.agentfleet.generate.validate.schema;

import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.tree;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.model.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas over HTTP from a local server serving the shipped schemas, the on-disk cache, and offline behaviour. */
class SchemaHttpTest {
  private static final String KUBERNETES = "/kubernetes/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/"
      + "{{.ResourceKind}}{{.KindSuffix}}.json";
  private static final String CRDS = "/crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";
  private static final RenderedTree TREE = tree(deployment(), yaml("""
      apiVersion: autoscaling.k8s.io/v1
      kind: VerticalPodAutoscaler
      metadata: {name: web, namespace: fleet}
      spec:
        targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        updatePolicy: {updateMode: "Off"}
      """));

  @TempDir
  Path cache;

  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void schemas_whenServedOverHttp_validateAndFillTheCache() throws IOException {
    String base = serve(Path.of(Fixtures.schemaFolder()));
    SchemaValidator validator = new SchemaValidator(base + KUBERNETES + "," + base + CRDS, cache);
    ObjectNode bad = deployment();
    Fixtures.at(bad, "/spec").put("replicsa", 1);

    assertThat(validator.validate(TREE, "1.34")).isEmpty();
    assertThat(validator.validate(tree(bad), "1.34")).extracting(Problem::message)
        .containsExactly("spec.replicsa: unknown field (not in the schema of Deployment apps/v1)");
    assertThat(cachedFiles()).containsExactlyInAnyOrder(
        DiskCache.key(base + "/kubernetes/v1.34.0-standalone-strict/deployment-apps-v1.json"),
        DiskCache.key(base + "/crds/autoscaling.k8s.io/verticalpodautoscaler_v1.json"));
  }

  @Test
  void cache_whenServerStopped_stillValidatesWithoutNetwork() throws IOException {
    String location = serve(Path.of(Fixtures.schemaFolder())) + KUBERNETES + "," + serve(Path.of(Fixtures.schemaFolder())) + CRDS;
    assertThat(new SchemaValidator(location, cache).validate(TREE, "1.34")).isEmpty();
    int online = requests.get();
    server.stop(0);
    server = null;

    List<Problem> offline = new SchemaValidator(location, cache).validate(TREE, "1.34");

    assertThat(offline).isEmpty();
    assertThat(online).isGreaterThan(0);
    assertThat(requests.get()).isEqualTo(online);
  }

  @Test
  void unknownKind_whenServerAnswers404_failsWithNoSchema() throws IOException {
    String base = serve(Path.of(Fixtures.schemaFolder()));
    SchemaValidator validator = new SchemaValidator(base + KUBERNETES + "," + base + CRDS, cache);

    assertThat(validator.validate(tree(yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")), "1.34"))
        .extracting(Problem::message)
        .containsExactly("no schema for Widget example.com/v1 in " + base
            + "/kubernetes/v1.34.0-standalone-strict/widget-example-v1.json, " + base
            + "/crds/example.com/widget_v1.json; supply it with FleetGenerator.builder().schemaLocation(...)");
  }

  @Test
  void server_whenUnreachableAndCacheEmpty_givesExactlyOneClearProblem() throws IOException {
    String base = serve(Path.of(Fixtures.schemaFolder()));
    server.stop(0);
    server = null;
    SchemaValidator validator = new SchemaValidator(base + KUBERNETES + "," + base + CRDS, cache);

    List<Problem> problems = validator.validate(tree(deployment(), deployment(), deployment()), "1.34");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEmpty();
    assertThat(problems.get(0).message())
        .startsWith("cannot fetch schemas from " + base + "/kubernetes/v1.34.0-standalone-strict/ and " + base
            + "/crds/ (offline?): ConnectException; 3 of 3 documents were not checked against a schema.")
        .contains("Point FleetGenerator.builder().schemaLocation(...) at a local folder laid out as kubeconform expects")
        .endsWith(", or run once online to fill the cache " + cache);
  }

  /** Serves files below root at http://127.0.0.1:port (one server per test; a second call reuses it). */
  private String serve(Path folder) throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    if (server == null) {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        exchange.sendResponseHeaders(body != null ? 200 : 404, body != null ? body.length : -1);
        try (OutputStream out = exchange.getResponseBody()) {
          if (body != null) {
            out.write(body);
          }
        }
      });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private List<String> cachedFiles() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
