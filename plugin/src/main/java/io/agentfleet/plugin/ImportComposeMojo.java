package io.agentfleet.plugin;

import io.agentfleet.compose.ComposeImport;
import io.agentfleet.compose.ComposeImportException;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.schemas.Schemas;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a starting fleet.yaml from the {@code docker-compose.yml} of an existing Docker agent setup (checked against
 * the Compose specification's schema: the one agentfleet ships, or the one in the schema folder given), and logs
 * the import's report: services left out and why, Secrets to create. Needs no pom.xml: run it in the folder of
 * the Compose file. Never overwrites a fleet file unless told to.
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
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping agentfleet (agentfleet.skip=true)");
      return;
    }
    Path source = compose.toPath();
    Path target = spec.toPath();
    if (!Files.isRegularFile(source)) {
      throw new MojoFailureException("agentfleet.compose: no Compose file at " + source.toAbsolutePath()
          + " (point agentfleet.compose at the docker-compose.yml of the Docker setup)");
    }
    if (Files.exists(target) && !overwrite) {
      throw new MojoFailureException("agentfleet.spec: " + target.toAbsolutePath() + " exists; pass "
          + "-Dagentfleet.overwrite=true to replace it, or -Dagentfleet.spec=<other file>");
    }
    Path bundled = null;
    Optional<Path> schema;
    if (schemaLocation == null || schemaLocation.isBlank()) {
      bundled = bundledComposeSchema();
      schema = Optional.of(bundled);
    } else {
      schema = composeSchema();
      if (schema.isEmpty()) {
        getLog().warn("agentfleet.schemaLocation has no other/compose-spec.json: the Compose file is not checked "
            + "against the Compose schema, only mapped");
      }
    }
    ComposeImport.Result result;
    try {
      result = ComposeImport.read(source, schema, fleetName == null || fleetName.isBlank() ? projectName(source)
          : fleetName);
    } catch (ComposeImportException e) {
      e.problems().forEach(getLog()::error);
      throw new MojoFailureException(source.getFileName() + " cannot be imported (" + e.problems().size()
          + (e.problems().size() == 1 ? " problem" : " problems") + "); nothing was written");
    } finally {
      if (bundled != null) {
        try {
          Files.deleteIfExists(bundled);
        } catch (IOException e) {
          getLog().debug("cannot delete " + bundled + ": " + e.getMessage());
        }
      }
    }
    try {
      Files.writeString(target, result.yaml(source.getFileName().toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + target + ": " + e.getMessage(), e);
    }
    getLog().info("Wrote " + target + " from " + source + " (" + result.spec().agents().size() + " agents, "
        + result.spec().subAgents().size() + " sub-agents)");
    result.notes().forEach(n -> getLog().info("  " + n));
    if (!result.report().secrets().isEmpty()) {
      int n = result.report().secrets().size();
      getLog().warn("Create the " + (n == 1 ? "Secret" : n + " Secrets") + " listed above before the first sync; "
          + "fleet.yaml refers to them and holds no secret value");
    }
    try {
      FleetResolver.resolve(result.spec());
    } catch (FleetValidationException e) {
      getLog().warn("The imported fleet needs changes before agentfleet:generate accepts it:");
      e.lines().forEach(l -> getLog().warn("  " + target.getFileName() + ": " + l));
    }
  }

  /** Compose's default project name: the folder of the Compose file, as a DNS label. */
  static String projectName(Path compose) {
    Path folder = compose.toAbsolutePath().normalize().getParent();
    String name = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    name = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9-]", "")
        .replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "agents" : name;
  }

  /** The Compose schema agentfleet ships, copied to a temporary file for the importer (which reads a path). */
  private Path bundledComposeSchema() throws MojoExecutionException {
    String name = "other/compose-spec.json";
    URL url = Schemas.find(name).orElseThrow(() -> new MojoExecutionException(
        "agentfleet-schemas holds no " + name + "; the plugin's class path is incomplete"));
    try (InputStream in = url.openStream()) {
      Path tmp = Files.createTempFile("agentfleet-compose-spec", ".json");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the shipped Compose schema " + url + ": " + e.getMessage(), e);
    }
  }

  private Optional<Path> composeSchema() {
    if (schemaLocation == null || schemaLocation.isBlank() || schemaLocation.contains("://")) {
      return Optional.empty();
    }
    for (String part : schemaLocation.split(",")) {
      Path candidate = Path.of(part.trim()).resolve("other/compose-spec.json");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
