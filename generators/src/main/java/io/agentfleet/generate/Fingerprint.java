package io.agentfleet.generate;

import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetYaml;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Everything a generated tree depends on, as one SHA-256: the spec as written and after the profile (canonical
 * JSON form and the value's own text, so a comment in fleet.yaml changes nothing and any field does), the
 * profile's name and decorators, the Java version, and the build identity: the bytes of every jar or class folder
 * the generation runs on — agentfleet's own modules (generators, model, profiles, the shipped schemas), every
 * generator's and decorator's code, fabric8's model, Jackson, SnakeYAML and the schema validator (a jar by the name,
 * size and CRC-32 of each entry its directory records). A new agentfleet
 * version, a rebuilt snapshot or a changed dependency therefore never matches a tree an earlier build wrote.
 */
final class Fingerprint {
  /** Format of the fingerprint's input; raise it when what goes in changes. */
  private static final String VERSION = "agentfleet-fingerprint 6";

  /** Classes whose code decides the bytes of a tree beyond the configured generators and decorators. */
  private static final List<String> RUNTIME = List.of(
      "io.agentfleet.generate.FleetGenerator",
      "io.agentfleet.model.FleetSpec",
      "io.agentfleet.schemas.Schemas",
      "io.fabric8.kubernetes.api.model.HasMetadata",
      "io.fabric8.kubernetes.api.model.KubernetesResource",
      "io.fabric8.kubernetes.api.model.apps.Deployment",
      "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler",
      "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget",
      "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy",
      "io.fabric8.kubernetes.api.model.rbac.Role",
      "io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass",
      "com.fasterxml.jackson.core.JsonFactory",
      "com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.annotation.JsonProperty",
      "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
      "com.fasterxml.jackson.datatype.jdk8.Jdk8Module",
      "org.yaml.snakeyaml.Yaml",
      "com.networknt.schema.JsonSchema");

  /** Hashes of jars, keyed by path, size and modification time: a long-lived JVM (a Maven daemon) hashes each once. */
  private static final Map<String, String> JAR_HASHES = new ConcurrentHashMap<>();

  private Fingerprint() {}

  /** The fingerprint of generating {@code spec} with these parts; {@code build} is {@link #buildIdentity}'s. */
  static String of(FleetSpec spec, FleetSpec applied, Profile profile, List<Generator> generators, String build,
      String environment) {
    MessageDigest digest = sha256();
    line(digest, VERSION);
    line(digest, environment);
    line(digest, "java " + System.getProperty("java.version"));
    line(digest, "build " + build);
    line(digest, "profile " + profile.name() + " " + profile.getClass().getName());
    for (Decorator d : profile.decorators()) {
      line(digest, "decorator " + d.getClass().getName() + " " + d.describe());
    }
    for (Generator g : generators) {
      line(digest, "generator " + g.getClass().getName() + " " + g.folder());
    }
    line(digest, "spec");
    canonical(digest, spec);
    line(digest, spec.toString());
    line(digest, "applied");
    if (applied.equals(spec)) {
      // A profile that sets nothing (production's) applies the spec as written: said in a line, not hashed again.
      line(digest, "as written");
    } else {
      canonical(digest, applied);
      line(digest, applied.toString());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The spec's canonical form ({@link FleetYaml#writeCanonical}) into the digest, then a line end: streamed, so a large
   * fleet's text is never held whole. A JSON value ends where it ends, so it needs no length before it.
   */
  private static void canonical(MessageDigest digest, FleetSpec spec) {
    FleetYaml.writeCanonical(spec, new DigestOutputStream(OutputStream.nullOutputStream(), digest));
    digest.update((byte) '\n');
  }

  /**
   * One hash over the code sources (jars or class folders) of the given classes and of the libraries that shape
   * every tree (agentfleet's modules, fabric8, Jackson, SnakeYAML, the schema validator): a jar by its entries, a
   * folder by the relative path and bytes of every file in it. A class without a code source (the JDK's own) adds its name only.
   */
  static String buildIdentity(List<Class<?>> classes) {
    List<Class<?>> all = new ArrayList<>(classes);
    for (String name : RUNTIME) {
      try {
        all.add(Class.forName(name, false, Fingerprint.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        // Not on this class path (an optional part): nothing of it can shape the output.
      }
    }
    SortedSet<String> sources = new TreeSet<>();
    for (Class<?> c : all) {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        sources.add("jdk:" + c.getName());
        continue;
      }
      try {
        sources.add(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize().toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        sources.add("url:" + cs.getLocation());
      }
    }
    MessageDigest digest = sha256();
    for (String source : sources) {
      line(digest, source);
      if (!source.startsWith("jdk:") && !source.startsWith("url:")) {
        line(digest, hashSource(Path.of(source)));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The identity of one code source: a class folder's files, a jar's entries. */
  static String hashSource(Path source) {
    try {
      if (Files.isDirectory(source)) {
        MessageDigest digest = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          line(digest, source.relativize(f).toString().replace('\\', '/'));
          digest.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(digest.digest());
      }
      if (!Files.isRegularFile(source)) {
        return "missing";
      }
      BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
      String key = source + "\u0000" + a.size() + "\u0000" + a.lastModifiedTime().toMillis();
      String known = JAR_HASHES.get(key);
      if (known != null) {
        return known;
      }
      String hash = entries(source);
      JAR_HASHES.put(key, hash);
      return hash;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + " to identify the agentfleet build", e);
    }
  }

  /**
   * A jar's identity from its directory: every entry's name, size and CRC-32 of its content, which the jar already
   * records, so no jar's content is read on a run. A changed class or resource changes its size or its CRC, so a
   * rebuilt snapshot of agentfleet is told apart as a new version is. Hashing agentfleet's own jars in full instead
   * cost the command a SHA-256 of its whole 11 MB jar (its dependencies shaded in) on every start, about 0.1 s of
   * processor time of a cold run (the client compiler alone runs the digest), beside the generation's own work.
   */
  private static String entries(Path jar) throws IOException {
    MessageDigest digest = sha256();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      List<String> lines = new ArrayList<>();
      zip.stream().forEach(e -> lines.add(e.getName() + " " + e.getSize() + " " + Long.toHexString(e.getCrc())));
      lines.sort(null);
      lines.forEach(l -> line(digest, l));
    }
    return "entries " + HexFormat.of().formatHex(digest.digest());
  }

  /** The short form users read in messages. */
  static String shortForm(String fingerprint) {
    return fingerprint.substring(0, Math.min(12, fingerprint.length()));
  }

  private static void line(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    // Length-prefixed, so that no two sequences of lines hash alike by moving text across a boundary.
    digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    digest.update(bytes);
    digest.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
