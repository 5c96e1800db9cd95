package io.agentfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetRunTest {
  @TempDir Path project;

  private static final FleetRun.Log SILENT = new FleetRun.Log() {
    @Override
    public void info(String line) {}

    @Override
    public void warn(String line) {}

    @Override
    public void error(String line) {}
  };

  @Test
  void schemaLocation_whenRelativeFoldersAndTemplatesAreGiven_resolvesThemAgainstTheBaseFolderOnly() {
    String absolute = project.resolveSibling("elsewhere").toString();
    FleetRun run = FleetRun.builder().basedir(project).log(SILENT)
        .schemaLocation("schemas, default,https://host/{{.Group}}/{{.ResourceKind}}.json," + absolute).build();

    assertThat(run.schemaLocation()).isEqualTo(project.resolve("schemas")
        + ",default,https://host/{{.Group}}/{{.ResourceKind}}.json," + absolute);
  }

  @Test
  void schemaLocation_whenBlank_leavesTheLibraryDefault() {
    assertThat(FleetRun.builder().basedir(project).log(SILENT).schemaLocation(" ").build().schemaLocation()).isNull();
  }

  @Test
  void display_namesPathsInsideTheBaseFolderRelativelyAndOthersAbsolutely() {
    FleetRun run = FleetRun.builder().basedir(project).log(SILENT).build();

    assertThat(run.display(project.resolve("generated/production"))).isEqualTo("generated/production");
    assertThat(run.display(project.resolveSibling("other"))).isEqualTo(project.resolveSibling("other").toString());
  }
}
