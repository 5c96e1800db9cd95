package io.agentfleet.cli;

import io.agentfleet.compose.ComposeImport;
import io.agentfleet.compose.ComposeImportException;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.schemas.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a starting fleet file from the {@code docker-compose.yml} of an existing Docker agent setup (checked against
 * the Compose specification's schema: the one agentfleet ships, or the one in the schema folder given), and logs the
 * import's report: services left out and why, Secrets to create. Needs no project: run it in the folder of the
 * Compose file. Never overwrites a fleet file unless told to. {@code mvn agentfleet:import-compose} and
 * {@code agentfleet import-compose}.
 *
 * @param compose the Compose file to read
 * @param spec the fleet file to write
 * @param fleetName the fleet's name when the Compose file has no top-level {@code name}; null: Compose's own project
 *     name (the Compose file's folder, lower-cased, with characters other than letters, digits and '-' dropped)
 * @param overwrite whether an existing fleet file is replaced
 * @param schemaLocation a kubeconform-layout schema folder (or several, comma-separated; relative to
 *     {@code basedir}) whose {@code other/compose-spec.json} checks the Compose file first; null: the Compose schema
 *     agentfleet ships
 * @param basedir the folder relative paths are read against (where the command runs)
 * @param names how the caller names these settings in messages
 */
public record ImportCompose(Path compose, Path spec, String fleetName, boolean overwrite, String schemaLocation,
    Path basedir, Names names) {

  /** The settings' names as the caller spells them, and its command that generates the tree. */
  public record Names(String compose, String spec, String overwrite, String schemaLocation, String generate) {
    /** The Maven plugin's parameters. */
    public static final Names MAVEN = new Names("agentfleet.compose", "agentfleet.spec", "agentfleet.overwrite",
        "agentfleet.schemaLocation", "mvn agentfleet:generate");
    /** The command's options. */
    public static final Names COMMAND = new Names("--compose", "--fleet", "--overwrite", "--schema-location",
        "agentfleet generate");
  }

  /** Reads the Compose file and writes the fleet file; every problem is logged, then summed up in the failure. */
  public void run(FleetRun.Log log) throws FleetRun.Failure {
    Path compose = basedir.resolve(this.compose);
    Path spec = basedir.resolve(this.spec);
    if (!Files.isRegularFile(compose)) {
      throw new FleetRun.Failure(names.compose() + ": no Compose file at " + compose.toAbsolutePath() + " (point "
          + names.compose() + " at the docker-compose.yml of the Docker setup)");
    }
    if (Files.exists(spec) && !overwrite) {
      throw new FleetRun.Failure(names.spec() + ": " + spec.toAbsolutePath() + " exists; pass "
          + FleetRun.Names.on(names.overwrite()) + " to replace it, or "
          + FleetRun.Names.given(names.spec(), "<other file>"));
    }
    Path bundled = null;
    Optional<Path> schema;
    if (schemaLocation == null || schemaLocation.isBlank()) {
      bundled = bundledComposeSchema();
      schema = Optional.of(bundled);
    } else {
      schema = composeSchema();
      if (schema.isEmpty()) {
        log.warn(names.schemaLocation() + " has no other/compose-spec.json: the Compose file is not checked against "
            + "the Compose schema, only mapped");
      }
    }
    ComposeImport.Result result;
    try {
      result = ComposeImport.read(compose, schema, fleetName == null || fleetName.isBlank() ? projectName(compose)
          : fleetName);
    } catch (ComposeImportException e) {
      e.problems().forEach(log::error);
      throw new FleetRun.Failure(compose.getFileName() + " cannot be imported (" + e.problems().size()
          + (e.problems().size() == 1 ? " problem" : " problems") + "); nothing was written");
    } finally {
      if (bundled != null) {
        try {
          Files.deleteIfExists(bundled);
        } catch (IOException e) {
          // a temporary file the system clears
        }
      }
    }
    try {
      Files.writeString(spec, result.yaml(compose.getFileName().toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FleetRun.Failure(names.spec() + ": cannot write " + spec + ": " + e.getMessage());
    }
    log.info("Wrote " + FleetRun.display(basedir, spec) + " from " + FleetRun.display(basedir, compose) + " ("
        + result.spec().agents().size() + " agents, "
        + result.spec().subAgents().size() + " sub-agents)");
    result.notes().forEach(n -> log.info("  " + n));
    if (!result.report().secrets().isEmpty()) {
      int n = result.report().secrets().size();
      log.warn("Create the " + (n == 1 ? "Secret" : n + " Secrets") + " listed above before the first sync; "
          + "the fleet file refers to " + (n == 1 ? "it" : "them") + " and holds no secret value");
    }
    try {
      FleetResolver.resolve(result.spec());
    } catch (FleetValidationException e) {
      log.warn("The imported fleet needs changes before " + names.generate() + " accepts it:");
      e.lines().forEach(l -> log.warn("  " + spec.getFileName() + ": " + l));
    }
  }

  /** Compose's default project name: the folder of the Compose file, as a DNS label. */
  static String projectName(Path compose) {
    Path folder = compose.toAbsolutePath().normalize().getParent();
    String name = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    name = name.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9-]", "")
        .replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "agents" : name;
  }

  /** The Compose schema agentfleet ships, copied to a temporary file for the importer (which reads a path). */
  private static Path bundledComposeSchema() throws FleetRun.Failure {
    String name = "other/compose-spec.json";
    Optional<URL> url = Schemas.find(name);
    if (url.isEmpty()) {
      throw new FleetRun.Failure("agentfleet-schemas holds no " + name + "; the class path is incomplete");
    }
    try (InputStream in = url.get().openStream()) {
      Path tmp = Files.createTempFile("agentfleet-compose-spec", ".json");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    } catch (IOException e) {
      throw new FleetRun.Failure("cannot read the shipped Compose schema " + url.get() + ": " + e.getMessage());
    }
  }

  private Optional<Path> composeSchema() {
    if (schemaLocation == null || schemaLocation.isBlank() || schemaLocation.contains("://")) {
      return Optional.empty();
    }
    for (String part : schemaLocation.split(",")) {
      Path candidate = basedir.resolve(part.trim()).resolve("other/compose-spec.json");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
