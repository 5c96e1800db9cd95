package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What identifies the code that made a tree: each jar by its directory (entries' names, sizes and CRC-32s). */
class FingerprintTest {
  @TempDir Path tmp;

  private static void jar(Path file, String classBytes, long modified) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry entry = new ZipEntry("io/example/A.class");
      entry.setTime(946_684_800_000L); // fixed, so that equal contents make equal jars
      zip.putNextEntry(entry);
      zip.write(classBytes.getBytes(StandardCharsets.ISO_8859_1));
      zip.closeEntry();
    }
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
  }

  @Test
  void anAgentfleetJar_isToldApartFromAnotherBuildOfTheSameSize_notFromACopy() throws IOException {
    Path a = tmp.resolve("a/agentfleet-generators-0.1.0-SNAPSHOT.jar");
    Path b = tmp.resolve("b/agentfleet-generators-0.1.0-SNAPSHOT.jar");
    Path c = tmp.resolve("c/agentfleet-generators-0.1.0-SNAPSHOT.jar");
    for (Path p : new Path[] {a, b, c}) {
      Files.createDirectories(p.getParent());
    }
    jar(a, "class body one", 1_000_000L);
    jar(b, "class body two", 1_000_000L);
    jar(c, "class body one", 2_000_000L);
    assertThat(Files.size(a)).isEqualTo(Files.size(b));

    String one = Fingerprint.hashSource(a);
    assertThat(one).matches("entries [0-9a-f]{64}");
    assertThat(Fingerprint.hashSource(b)).isNotEqualTo(one);
    assertThat(Fingerprint.hashSource(c)).isEqualTo(one);
  }

  @Test
  void aLibraryJar_isIdentifiedByItsEntries_soAChangedClassChangesIt() throws IOException {
    Path a = tmp.resolve("a/kubernetes-model-core-7.jar");
    Path b = tmp.resolve("b/kubernetes-model-core-7.jar");
    Files.createDirectories(a.getParent());
    Files.createDirectories(b.getParent());
    jar(a, "class body one", 1_000_000L);
    jar(b, "class body two", 1_000_000L);

    assertThat(Fingerprint.hashSource(a)).startsWith("entries ").isNotEqualTo(Fingerprint.hashSource(b));
    assertThat(Fingerprint.hashSource(tmp.resolve("none.jar"))).isEqualTo("missing");
  }
}
