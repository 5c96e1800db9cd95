package io.agentfleet.generate.validate.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Downloaded schemas on disk, one file per URL named by the URL's SHA-256 as kubeconform's {@code -cache} does. */
public final class DiskCache {
  private final Path dir;

  DiskCache(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The cached bytes of a URL, if any; a cached file is used without asking the network. */
  Optional<byte[]> get(String url) {
    Path file = dir.resolve(key(url));
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores a download atomically; a cache that cannot be written only costs a later download. */
  void put(String url, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, key(url), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, dir.resolve(key(url)), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      // Not fatal: the schema was fetched and is used for this run.
    }
  }

  /** The file name for a URL: hex SHA-256 of the URL. */
  static String key(String url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
