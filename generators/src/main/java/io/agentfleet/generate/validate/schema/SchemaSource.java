package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfleet.schemas.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads schema files from the classpath (the schemas agentfleet ships), from disk, or over HTTP (through the on-disk
 * cache), as kubeconform's registries do.
 */
public final class SchemaSource {
  /**
   * The mapper schemas are read with, made when the first schema is: the JVM's first {@code ObjectMapper} loads a
   * hundred-odd Jackson classes, a fifth of a second cold, which a run that finds its tree up to date never needs.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
  private final DiskCache cache;
  private HttpClient http;

  SchemaSource(DiskCache cache) {
    this.cache = cache;
  }

  DiskCache cache() {
    return cache;
  }

  /** Looks for the schema at a rendered location of a template. */
  SchemaFetch fetch(SchemaTemplate template, String location, String version, SchemaOutage outage) {
    if (template.isClasspath()) {
      return fetchClasspath(template.source(version), location);
    }
    return template.isRemote() ? fetchRemote(template.source(version), location, outage)
        : fetchLocal(template.localRoot(version), location);
  }

  /** A schema shipped on the classpath; a folder agentfleet does not ship (another Kubernetes version) is unavailable. */
  private SchemaFetch fetchClasspath(String folder, String location) {
    ClassLoader loader = SchemaSource.class.getClassLoader();
    URL url = loader.getResource(location.substring(SchemaTemplate.CLASSPATH.length()));
    if (url != null) {
      try (InputStream in = url.openStream()) {
        return parse(in.readAllBytes()).<SchemaFetch>map(SchemaFetch.Found::new)
            .orElseGet(() -> new SchemaFetch.Unavailable(folder, location, "not valid JSON", false));
      } catch (IOException e) {
        return new SchemaFetch.Unavailable(folder, folder, e.toString(), false);
      }
    }
    String dir = folder.substring(SchemaTemplate.CLASSPATH.length());
    if (!dir.startsWith(Schemas.ROOT)) {
      return loader.getResource(dir) != null ? new SchemaFetch.Missing()
          : new SchemaFetch.Unavailable(folder, folder, "no such folder on the classpath", false);
    }
    String shipped = dir.substring(Schemas.ROOT.length());
    List<Schemas.Entry> manifest = Schemas.manifest();
    if (manifest.stream().anyMatch(e -> e.path().startsWith(shipped))) {
      return new SchemaFetch.Missing();
    }
    String top = shipped.contains("/") ? shipped.substring(0, shipped.indexOf('/') + 1) : shipped;
    Set<String> folders = new TreeSet<>();
    manifest.stream().map(Schemas.Entry::path).filter(p -> p.startsWith(top))
        .forEach(p -> folders.add(p.substring(0, p.lastIndexOf('/') + 1)));
    return new SchemaFetch.Unavailable(folder, folder, "agentfleet ships "
        + (folders.isEmpty() ? "no such schemas" : "only " + String.join(", ", folders)), false);
  }

  private SchemaFetch fetchLocal(Path versionRoot, String location) {
    Path file = SchemaTemplate.toPath(location);
    try {
      return parse(Files.readAllBytes(file)).<SchemaFetch>map(SchemaFetch.Found::new)
          .orElseGet(() -> new SchemaFetch.Unavailable(file.toString(), file.toString(), "not valid JSON", false));
    } catch (NoSuchFileException e) {
      Path root = versionRoot.toAbsolutePath().normalize();
      return Files.isDirectory(root) ? new SchemaFetch.Missing()
          : new SchemaFetch.Unavailable(root.toString(), root.toString(), "folder does not exist", false);
    } catch (IOException e) {
      return new SchemaFetch.Unavailable(file.toString(), file.toString(), e.toString(), false);
    }
  }

  private SchemaFetch fetchRemote(String source, String url, SchemaOutage outage) {
    Optional<JsonNode> cached = cache.get(url).flatMap(SchemaSource::parse);
    if (cached.isPresent()) {
      return new SchemaFetch.Found(cached.get());
    }
    URI uri = URI.create(url);
    String origin = uri.getScheme() + "://" + uri.getAuthority();
    Optional<SchemaFetch.Unavailable> down = outage.downAlready(origin);
    if (down.isPresent()) {
      return new SchemaFetch.Unavailable(origin, source, down.get().cause(), true);
    }
    try {
      HttpResponse<byte[]> response = client().send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return new SchemaFetch.Missing();
      }
      if (response.statusCode() != 200) {
        return down(outage, origin, source, "HTTP " + response.statusCode() + " for " + url);
      }
      Optional<JsonNode> schema = parse(response.body());
      if (schema.isEmpty()) {
        return down(outage, origin, source, url + " did not answer with JSON");
      }
      cache.put(url, response.body());
      return new SchemaFetch.Found(schema.get());
    } catch (IOException e) {
      return down(outage, origin, source,
          e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SchemaFetch.Unavailable(origin, source, "interrupted", true);
    }
  }

  private static SchemaFetch down(SchemaOutage outage, String origin, String source, String cause) {
    SchemaFetch.Unavailable u = new SchemaFetch.Unavailable(origin, source, cause, true);
    outage.down(u);
    return u;
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL)
          .build();
    }
    return http;
  }

  private static Optional<JsonNode> parse(byte[] bytes) {
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
