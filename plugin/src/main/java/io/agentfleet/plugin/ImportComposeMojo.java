package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import io.agentfleet.cli.ImportCompose;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a starting fleet.yaml from the {@code docker-compose.yml} of an existing Docker agent setup (checked against
 * the Compose specification's schema: the one agentfleet ships, or the one in the schema folder given), and logs
 * the import's report: services left out and why, Secrets to create. Needs no pom.xml: run it in the folder of
 * the Compose file. Never overwrites a fleet file unless told to. The library's {@link ImportCompose}, as
 * {@code agentfleet import-compose} runs it.
 */
@Mojo(name = "import-compose", threadSafe = true, requiresProject = false)
public class ImportComposeMojo extends AbstractMojo {
  /** The Compose file to read. */
  @Parameter(property = "agentfleet.compose", defaultValue = "${basedir}/docker-compose.yml", required = true)
  File compose;

  /** The fleet file to write. */
  @Parameter(property = "agentfleet.spec", defaultValue = "${basedir}/fleet.yaml", required = true)
  File spec;

  /**
   * The fleet's name when the Compose file has no top-level {@code name}; unset, Compose's own project name: the
   * Compose file's folder, lower-cased, with characters other than letters, digits and '-' dropped.
   */
  @Parameter(property = "agentfleet.fleetName")
  String fleetName;

  /** Replaces an existing fleet file. */
  @Parameter(property = "agentfleet.overwrite", defaultValue = "false")
  boolean overwrite;

  /**
   * A kubeconform-layout schema folder whose {@code other/compose-spec.json} checks the Compose file first; unset,
   * the Compose schema agentfleet ships does.
   */
  @Parameter(property = "agentfleet.schemaLocation")
  String schemaLocation;

  /** Skips the goal. */
  @Parameter(property = "agentfleet.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping agentfleet (agentfleet.skip=true)");
      return;
    }
    try {
      new ImportCompose(compose.toPath(), spec.toPath(), fleetName, overwrite, schemaLocation,
          Path.of("").toAbsolutePath(), ImportCompose.Names.MAVEN).run(new MavenLog(getLog()));
    } catch (FleetRun.Failure e) {
      throw new MojoFailureException(e.getMessage());
    }
  }
}
