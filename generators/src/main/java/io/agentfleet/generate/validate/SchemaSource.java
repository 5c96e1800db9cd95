package io.agentfleet.generate.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads schema files from disk or over HTTP (through the on-disk cache), as kubeconform's registries do. */
final class SchemaSource {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    return template.isRemote() ? fetchRemote(template.source(version), location, outage)
        : fetchLocal(template.localRoot(version), location);
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
      JsonNode node = JSON.readTree(bytes);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
