package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What crosses folders goes through the platform plan, the shared kit or the tree readers of {@code inspect}: no
 * folder generator's package names another folder's package, and the plan, the readers and the validators name none.
 * ({@code FleetGenerator}, the entry point, lists the standard generators and is the one place that names them all.)
 */
class FolderIsolationTest {
  /** One package per output folder of the tree. */
  private static final List<String> FOLDERS = List.of("core", "agents", "subagents", "database", "monitoring", "cicd",
      "migration", "docs");
  /** Packages every folder may read, which therefore read no folder. */
  private static final List<String> CHECKED = List.of("platform", "inspect", "validate");
  private static final Path SOURCES = TestFleets.root().resolve("generators/src/main/java/io/agentfleet/generate");
  private static final Pattern REFERENCE = Pattern.compile("io\\.agentfleet\\.generate\\.([a-z]+)\\.");

  @Test
  void folderPackages_nameNoOtherFolderPackage_andThePlanAndReadersNameNone() throws IOException {
    List<String> crossings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path rel = SOURCES.relativize(file);
        String own = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        if (!FOLDERS.contains(own) && !CHECKED.contains(own)) {
          continue;
        }
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String named = m.group(1);
          if (FOLDERS.contains(named) && !named.equals(own)) {
            crossings.add(rel + " names " + named);
          }
        }
      }
    }

    assertThat(crossings).isEmpty();
  }
}
