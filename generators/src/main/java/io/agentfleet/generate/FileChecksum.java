package io.agentfleet.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum the state record beside a tree keeps of each file it wrote ({@link TreeWriter#upToDate}): the file's
 * CRC-32C and CRC-32, 64 bits between them, and its length, as {@code <16 hex digits>-<length>}.
 *
 * <p>It answers one question, "is this still the file written?", for every file of the tree on every run, so its
 * cost grows with the tree: 220 MB at 10 000 sub-agents. The JDK computes both CRCs at 1–3 ms per 22 MB from the
 * first call, whatever the JIT has compiled yet (measured on the benchmark machine), where SHA-256 took 200 ms with
 * the client compiler alone (the settings the README recommends for large fleets) and 150 ms before C2 compiled it.
 * An edit by hand or by a tool changes the value with near certainty; it is no defence against a file forged to
 * keep it, and needs none: the record itself sits beside the tree as plain text.
 */
final class FileChecksum {
  private FileChecksum() {}

  static String of(byte[] bytes) {
    CRC32C c = new CRC32C();
    CRC32 d = new CRC32();
    c.update(bytes, 0, bytes.length);
    d.update(bytes, 0, bytes.length);
    return format(c, d, bytes.length);
  }

  static String of(Path file) throws IOException {
    CRC32C c = new CRC32C();
    CRC32 d = new CRC32();
    long length = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        c.update(buffer, 0, n);
        d.update(buffer, 0, n);
        length += n;
      }
    }
    return format(c, d, length);
  }

  private static String format(CRC32C c, CRC32 d, long length) {
    // Two CRCs as 16 hex digits, then the length: what String.format("%08x%08x-%d") writes, without its parser.
    long both = c.getValue() << 32 | d.getValue();
    String hex = Long.toHexString(both);
    return "0".repeat(16 - hex.length()) + hex + "-" + length;
  }
}
