package io.agentfleet.generate.validate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.inspect.Json;
import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sizes Kubernetes refuses, checked on every rendered object: a ConfigMap's or Secret's data above 1 MiB, annotations
 * above 256 KiB in total, any object above the 1.5 MiB etcd stores by default ({@code --max-request-bytes}). Objects
 * the fleet makes larger as it grows are split by their generators; this check names any that still would not be
 * accepted, with the limit and what in fleet.yaml drives its size, instead of letting the API server find out.
 */
public final class SizeLimitsValidator implements TreeValidator {
  /** ConfigMap and Secret data, all keys together (apimachinery validation: MaxSecretSize, ConfigMap totalSize). */
  public static final int DATA_LIMIT = 1024 * 1024;
  /** All annotations of an object together (apimachinery ValidateAnnotations: TotalAnnotationSizeLimitB). */
  public static final int ANNOTATIONS_LIMIT = 256 * 1024;
  /** One object as etcd stores it: etcd's default request size limit. */
  public static final int OBJECT_LIMIT = 3 * 512 * 1024;

  @Override
  public List<Problem> validate(RenderedTree tree, String kubernetesVersion) {
    return check(tree, "the fleet's size");
  }

  @Override
  public List<Problem> validate(RenderedTree tree, Fleet fleet, PlatformPlan plan) {
    return check(tree, "the fleet's size (fleet.yaml: " + fleet.subAgents().size() + " entries under `subAgents`, "
        + fleet.agents().size() + " under `agents`)");
  }

  private static List<Problem> check(RenderedTree tree, String driver) {
    List<Problem> problems = new ArrayList<>();
    tree.documents().forEach((file, docs) -> {
      for (int i = 0; i < docs.size(); i++) {
        Manifest m = new Manifest(file, i, docs.get(i));
        for (String msg : messages(m, driver)) {
          problems.add(new Problem(m.path(), msg));
        }
      }
    });
    return problems;
  }

  static List<String> messages(Manifest m, String driver) {
    List<String> out = new ArrayList<>();
    JsonNode node = m.node();
    if (m.is("", "ConfigMap") || m.is("", "Secret")) {
      long data = 0;
      for (String field : List.of("data", "stringData", "binaryData")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path(field).fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          data += utf8(e.getKey()) + utf8(e.getValue().asText());
        }
      }
      if (data > DATA_LIMIT) {
        out.add("data: " + data + " bytes exceed the " + DATA_LIMIT + "-byte (1 MiB) limit Kubernetes sets on a "
            + m.kind() + "'s data; its size follows " + driver);
      }
    }
    long annotations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("metadata").path("annotations").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      annotations += utf8(e.getKey()) + utf8(e.getValue().asText());
    }
    if (annotations > ANNOTATIONS_LIMIT) {
      out.add("metadata.annotations: " + annotations + " bytes exceed the " + ANNOTATIONS_LIMIT
          + "-byte (256 KiB) limit Kubernetes sets on an object's annotations; their size follows " + driver);
    }
    if (Json.jsonSizeAbove(node, true, OBJECT_LIMIT)) {
      long size = utf8(node.toString());
      out.add(size + " bytes as JSON exceed the " + OBJECT_LIMIT + "-byte (1.5 MiB) object size etcd accepts by "
          + "default; its size follows " + driver);
    }
    return out;
  }

  private static long utf8(String s) {
    // The JDK's encoder copies ASCII text as a block; String.charAt per character is a call chain until C2
    // compiles it, and dashboards run to megabytes.
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
