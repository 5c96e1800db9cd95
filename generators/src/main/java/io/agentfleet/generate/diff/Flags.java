package io.agentfleet.generate.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.diff.ObjectDiff.Located;
import io.agentfleet.generate.diff.ObjectDiff.Side;
import io.agentfleet.generate.inspect.NetworkModel;
import io.agentfleet.model.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The rules that pick out, from the object changes, what a reviewer must look at. */
final class Flags {
  private static final String CNPG = "postgresql.cnpg.io";
  private static final String RBAC = "rbac.authorization.k8s.io";

  private Flags() {}

  static List<Flag> raise(List<ObjectChange> changes, Side before, Side after, List<MatrixCell> cells) {
    List<Flag> out = new ArrayList<>();
    Set<String> databaseSecrets = databaseSecrets(before);
    for (ObjectChange c : changes) {
      ObjectKey key = c.key();
      String subject = key.toString();
      switch (c.status()) {
        case REMOVED -> {
          if (isStateful(key, before.objects.get(key), databaseSecrets)) {
            out.add(new Flag(Flag.Category.STATEFUL_DELETION, subject, "removed (" + c.file() + ")"));
          }
        }
        case ADDED -> {
          JsonNode doc = after.objects.get(key).doc();
          rbac(key, null, doc).ifPresent(t -> out.add(new Flag(Flag.Category.RBAC_WIDENED, subject, t)));
          SortedSet<String> refs = secretRefs(doc);
          if (!refs.isEmpty()) {
            out.add(new Flag(Flag.Category.SECRET_REFERENCE_ADDED, subject, "reads " + String.join(", ", refs)));
          }
        }
        case CHANGED -> changed(c, before.objects.get(key).doc(), after.objects.get(key).doc(), out);
      }
    }
    moved(before, after, out);
    for (MatrixCell cell : cells) {
      if (cell.widens()) {
        out.add(new Flag(Flag.Category.NETWORK_WIDENED, cell.from() + " → " + cell.to(),
            "ports " + MatrixCell.ports(cell.before()) + " → " + MatrixCell.ports(cell.after())));
      }
    }
    out.sort((a, b) -> a.category() != b.category() ? a.category().compareTo(b.category())
        : a.subject().equals(b.subject()) ? a.text().compareTo(b.text()) : a.subject().compareTo(b.subject()));
    return out;
  }

  /**
   * Objects whose file moved to another folder, which is another kustomization, and so another Argo CD Application
   * and Flux Kustomization (a sub-agent into a shard of {@code sub-agents/}, a ServiceAccount out of {@code core/}):
   * Argo CD may delete them with the Application they leave and create them again with the one they join
   * (argoproj/argo-cd#16721), Flux prunes them from the Kustomization they leave. One flag per file moved.
   */
  private static void moved(Side before, Side after, List<Flag> out) {
    Map<String, TreeMap<String, Integer>> moves = new TreeMap<>();
    before.objects.forEach((key, was) -> {
      Located now = after.objects.get(key);
      if (now != null && !folderOf(was.file()).equals(folderOf(now.file()))) {
        moves.computeIfAbsent(now.file(), f -> new TreeMap<>()).merge(was.file(), 1, Integer::sum);
      }
    });
    moves.forEach((file, from) -> from.forEach((was, objects) -> out.add(new Flag(
        Flag.Category.MOVED_BETWEEN_APPLICATIONS, file, objects + (objects == 1 ? " object" : " objects") + " from "
            + was + ": another Application and Flux Kustomization apply them, and may delete and re-create them "
            + "(argoproj/argo-cd#16721)"))));
  }

  private static String folderOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }

  private static void changed(ObjectChange c, JsonNode a, JsonNode b, List<Flag> out) {
    ObjectKey key = c.key();
    String subject = key.toString();
    for (FieldChange f : c.fields()) {
      String path = f.path();
      String last = path.substring(path.lastIndexOf('.') + 1);
      if (key.is("apps", "StatefulSet") && path.matches("spec\\.volumeClaimTemplates\\[[^]]+]")
          && f.after().isEmpty()) {
        out.add(new Flag(Flag.Category.STATEFUL_DELETION, subject, path + " removed"));
      }
      if (f.before().isPresent() && f.after().isPresent()
          && (last.equals("storage") || path.matches("spec\\.(storage|walStorage)\\.size"))
          && shrinks(f.before().get(), f.after().get())) {
        out.add(new Flag(Flag.Category.STORAGE_SHRUNK, subject, f.toString()));
      }
      if (last.equals("image") || last.equals("imageName")) {
        out.add(new Flag(Flag.Category.IMAGE_CHANGED, subject, f.toString()));
      }
      if ((key.is("autoscaling", "HorizontalPodAutoscaler") && path.matches("spec\\.(min|max)Replicas"))
          || (key.is("keda.sh", "ScaledObject") && path.matches("spec\\.(min|max)ReplicaCount"))) {
        out.add(new Flag(Flag.Category.REPLICA_BOUNDS, subject, f.toString()));
      }
    }
    rbac(key, a, b).ifPresent(t -> out.add(new Flag(Flag.Category.RBAC_WIDENED, subject, t)));
    SortedSet<String> refs = secretRefs(b);
    refs.removeAll(secretRefs(a));
    if (!refs.isEmpty()) {
      out.add(new Flag(Flag.Category.SECRET_REFERENCE_ADDED, subject, "now reads " + String.join(", ", refs)));
    }
  }

  /** A PVC, StatefulSet, CloudNativePG Cluster or Database, or a Secret the database reads or lives in database/. */
  private static boolean isStateful(ObjectKey key, Located old, Set<String> databaseSecrets) {
    if (key.is("", "PersistentVolumeClaim") || key.is("apps", "StatefulSet") || key.is(CNPG, "Cluster")
        || key.is(CNPG, "Database")) {
      return true;
    }
    boolean secret = key.is("", "Secret") || key.is("external-secrets.io", "ExternalSecret");
    return secret && (databaseSecrets.contains(key.namespace() + "/" + secretName(key, old.doc()))
        || old.file().startsWith("database/") || old.file().contains("/database/"));
  }

  private static String secretName(ObjectKey key, JsonNode doc) {
    String target = doc.at("/spec/target/name").asText("");
    return key.kind().equals("ExternalSecret") && !target.isEmpty() ? target : key.name();
  }

  /** namespace/name of every Secret a CloudNativePG Cluster or a StatefulSet of the tree reads. */
  private static Set<String> databaseSecrets(Side side) {
    Set<String> out = new TreeSet<>();
    side.objects.forEach((key, located) -> {
      if (key.is(CNPG, "Cluster") || key.is("apps", "StatefulSet")) {
        secretRefs(located.doc()).forEach(name -> out.add(key.namespace() + "/" + name));
      }
    });
    return out;
  }

  private static boolean shrinks(String before, String after) {
    Quantity a = Quantity.parse(before);
    Quantity b = Quantity.parse(after);
    return a.isValid() && b.isValid() && b.compareTo(a) < 0;
  }

  /** The (API group, resource, verb) grants of a Role or ClusterRole that {@code b} has and {@code a} had not. */
  private static java.util.Optional<String> rbac(ObjectKey key, JsonNode a, JsonNode b) {
    if (!key.is(RBAC, "Role") && !key.is(RBAC, "ClusterRole")) {
      return java.util.Optional.empty();
    }
    SortedSet<String> grants = grants(b);
    if (a != null) {
      grants.removeAll(grants(a));
    }
    if (grants.isEmpty()) {
      return java.util.Optional.empty();
    }
    boolean wildcard = grants.stream().anyMatch(g -> g.contains("*"));
    return java.util.Optional.of((wildcard ? "wildcard; " : "") + "may now " + String.join(", ", grants));
  }

  private static SortedSet<String> grants(JsonNode role) {
    SortedSet<String> out = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> groups = texts(rule.path("apiGroups"), "");
      List<String> resources = new ArrayList<>(texts(rule.path("resources"), null));
      texts(rule.path("nonResourceURLs"), null).forEach(resources::add);
      List<String> names = texts(rule.path("resourceNames"), null);
      for (String verb : texts(rule.path("verbs"), null)) {
        for (String group : groups) {
          for (String resource : resources) {
            String what = group.isEmpty() || resource.startsWith("/") ? resource : group + "/" + resource;
            out.add(verb + " " + what + (names.isEmpty() ? "" : " " + names));
          }
        }
      }
    }
    return out;
  }

  private static List<String> texts(JsonNode array, String ifEmpty) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    if (out.isEmpty() && ifEmpty != null) {
      out.add(ifEmpty);
    }
    return out;
  }

  /**
   * The names of the Secrets an object reads: {@code secretKeyRef}, {@code secretRef}, a {@code secret} volume,
   * {@code imagePullSecrets}, and any {@code …Secret: {name: …}} field (CloudNativePG's passwordSecret and the like).
   */
  static SortedSet<String> secretRefs(JsonNode doc) {
    SortedSet<String> out = new TreeSet<>();
    collect(doc, out);
    return out;
  }

  private static void collect(JsonNode node, SortedSet<String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        JsonNode v = e.getValue();
        if ((k.equals("secretKeyRef") || k.equals("secretRef") || k.endsWith("Secret"))
            && v.path("name").isTextual()) {
          out.add(v.get("name").asText());
        } else if (k.equals("secret") && v.path("secretName").isTextual()) {
          out.add(v.get("secretName").asText());
        } else if (k.equals("imagePullSecrets")) {
          v.forEach(s -> out.add(s.path("name").asText()));
        }
        collect(v, out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    }
  }

  /**
   * The cells of the connection matrix that differ, over the pods both trees hold, computed only when a
   * NetworkPolicy or a Namespace changed.
   */
  static List<MatrixCell> matrix(List<ObjectChange> changes, Side before, Side after) {
    boolean network = changes.stream().anyMatch(c -> c.key().is("networking.k8s.io", "NetworkPolicy")
        || c.key().is("", "Namespace"));
    if (!network) {
      return List.of();
    }
    NetworkModel a = NetworkModel.of(before.documents);
    NetworkModel b = NetworkModel.of(after.documents);
    Map<String, NetworkModel.Pod> podsA = pods(a);
    Map<String, NetworkModel.Pod> podsB = pods(b);
    List<MatrixCell> out = new ArrayList<>();
    for (String from : podsB.keySet()) {
      if (!podsA.containsKey(from)) {
        continue;
      }
      // Only pairs that either tree's rules could connect can differ: an empty verdict on both sides is no change.
      java.util.SortedSet<String> candidates = new java.util.TreeSet<>();
      if (podsA.size() < a.pods().size() || podsB.size() < b.pods().size()) {
        candidates.addAll(podsB.keySet()); // two pods of one name: the verdicts are read by name, so try them all
      } else {
        a.mayReach(podsA.get(from)).forEach(p -> candidates.add(key(p)));
        b.mayReach(podsB.get(from)).forEach(p -> candidates.add(key(p)));
      }
      for (String to : candidates) {
        if (from.equals(to) || !podsA.containsKey(to) || !podsB.containsKey(to)) {
          continue;
        }
        List<Integer> was = a.allowedPorts(podsA.get(from), podsA.get(to));
        List<Integer> now = b.allowedPorts(podsB.get(from), podsB.get(to));
        if (!was.equals(now)) {
          out.add(new MatrixCell(from, to, was, now));
        }
      }
    }
    return out;
  }

  private static Map<String, NetworkModel.Pod> pods(NetworkModel model) {
    Map<String, NetworkModel.Pod> out = new TreeMap<>();
    model.pods().forEach(p -> out.putIfAbsent(key(p), p));
    return out;
  }

  private static String key(NetworkModel.Pod pod) {
    return pod.namespace() + "/" + pod.name();
  }
}
