package io.agentfleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifest and the shipped files agree: same set of files, same bytes, every line complete. */
class SchemasManifestTest {
  private static final Path ROOT = Path.of("src/main/resources").resolve(Schemas.ROOT);
  private static final Set<String> LICENCES = Set.of("MIT", "Apache-2.0");

  @Test
  void manifest_listsExactlyTheShippedFiles() throws IOException {
    Set<String> listed = Schemas.manifest().stream().map(Schemas.Entry::path).collect(Collectors.toCollection(TreeSet::new));
    Set<String> shipped;
    try (Stream<Path> files = Files.walk(ROOT)) {
      shipped = files.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("manifest.tsv") && !p.equals("NOTICE.md"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(listed).as("files in the manifest vs files below " + ROOT).isEqualTo(shipped);
    assertThat(Schemas.manifest()).extracting(Schemas.Entry::path).doesNotHaveDuplicates();
  }

  @Test
  void manifest_recordsTheSha256OfEveryFile() throws Exception {
    for (Schemas.Entry e : Schemas.manifest()) {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ROOT.resolve(e.path())));
      assertThat(e.sha256()).as(e.path() + " (run schemas/refresh.sh after changing a file)")
          .isEqualTo(HexFormat.of().formatHex(hash));
    }
  }

  @Test
  void manifest_namesASourceVersionAndKnownLicenceForEveryFile() {
    for (Schemas.Entry e : Schemas.manifest()) {
      assertThat(e.source()).as(e.path()).matches("[\\w.-]+/[\\w.-]+");
      assertThat(e.version()).as(e.path()).isNotBlank();
      assertThat(e.licence()).as(e.path()).isIn(LICENCES);
    }
  }

  @Test
  void find_whenShipped_isOnTheClasspath_andWhenNot_isEmpty() {
    assertThat(Schemas.find("kubernetes/v1.34.0-standalone-strict/deployment-apps-v1.json")).isPresent();
    assertThat(Schemas.find("crds/example.com/widget_v1.json")).isEmpty();
  }

  @Test
  void parse_whenALineLacksFields_namesTheLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schemas.parse("# c\nkubernetes/x.json\tsrc\n"))
        .hasMessageStartingWith("manifest line 2: expected 5 tab-separated fields");
    assertThat(Schemas.parse("# only comments\n\n")).isEqualTo(List.of());
  }
}
