package io.agentfleet.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON schemas agentfleet ships as classpath resources below {@link #ROOT}, laid out as kubeconform expects:
 * {@code kubernetes/<version>-standalone-strict/<kind>-<group>-<version>.json}, {@code crds/<group>/<kind>_<version>.json}
 * and {@code other/<name>.json}. {@link #MANIFEST} lists every file with its source, upstream version, licence and
 * SHA-256.
 */
public final class Schemas {
  /** The classpath folder of the schemas, with a trailing slash. */
  public static final String ROOT = "io/agentfleet/schemas/";
  /** The manifest: one tab-separated line per shipped file; lines starting with {@code #} are comments. */
  public static final String MANIFEST = ROOT + "manifest.tsv";

  private Schemas() {}

  /**
   * One shipped schema.
   *
   * @param path     the file below {@link #ROOT}
   * @param source   the repository it was taken from
   * @param version  the upstream version or snapshot it was taken from
   * @param licence  its licence (SPDX identifier)
   * @param sha256   the hex SHA-256 of the file
   */
  public record Entry(String path, String source, String version, String licence, String sha256) {}

  /** The shipped schema at {@code path} (below {@link #ROOT}), if there is one. */
  public static Optional<URL> find(String path) {
    return Optional.ofNullable(Schemas.class.getClassLoader().getResource(ROOT + path));
  }

  /** Every entry of the manifest, in its order. */
  public static List<Entry> manifest() {
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(MANIFEST)) {
      if (in == null) {
        throw new IllegalStateException(MANIFEST + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses manifest text; a line that is not a comment must have exactly five tab-separated fields. */
  public static List<Entry> parse(String text) {
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
          throw new IllegalArgumentException("manifest line " + n + ": expected 5 tab-separated fields (path, source,"
              + " upstream version, licence, sha256), found " + f.length + ": " + line);
        }
        entries.add(new Entry(f[0], f[1], f[2], f[3], f[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(entries);
  }
}
