package io.agentfleet.plugin;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeUpdate;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters every agentfleet goal shares, and the one call into the library that generates the tree. */
public abstract class AbstractFleetMojo extends AbstractMojo {
  /** The fleet description to generate from. */
  @Parameter(property = "agentfleet.spec", defaultValue = "${project.basedir}/fleet.yaml", required = true)
  File spec;

  /** The folder holding one generated tree per profile; the tree goes to {@code <outputDirectory>/<profile>}. */
  @Parameter(property = "agentfleet.outputDirectory", defaultValue = "${project.basedir}/generated", required = true)
  File outputDirectory;

  /** The named profile to apply (production, dev, ...). */
  @Parameter(property = "agentfleet.profile", defaultValue = Profiles.DEFAULT, required = true)
  String profile;

  /**
   * Where JSON schemas are read from. Unset: the schemas agentfleet ships (Kubernetes 1.34 and the CRDs of every kind
   * it emits), offline. Otherwise a kubeconform-layout folder, kubeconform URL templates, {@code default}
   * (kubeconform's own Kubernetes location) or {@code bundled} (the shipped schemas), comma-separated, tried in order.
   */
  @Parameter(property = "agentfleet.schemaLocation")
  String schemaLocation;

  /** Where schemas downloaded from public locations are cached. */
  @Parameter(property = "agentfleet.schemaCache", defaultValue = "${user.home}/.cache/agentfleet/schemas")
  File schemaCache;

  /** The project's base directory, against which a relative schema folder and the paths in messages resolve. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** Skips the goal. */
  @Parameter(property = "agentfleet.skip", defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping agentfleet (agentfleet.skip=true)");
      return;
    }
    if (!executeWithoutGeneration(treeDirectory())) {
      execute(treeDirectory(), generate());
    }
  }

  /** A goal that needs no fresh tree for its parameters runs here and returns true; by default every goal generates. */
  boolean executeWithoutGeneration(Path dir) throws MojoExecutionException, MojoFailureException {
    return false;
  }

  /** Runs the goal on the tree generated in memory for {@code dir}. */
  abstract void execute(Path dir, GenerationResult result) throws MojoExecutionException, MojoFailureException;

  /** The directory of the selected profile's tree. */
  Path treeDirectory() {
    return outputDirectory.toPath().resolve(profile);
  }

  /** A path as users read it in messages: relative to the project when inside it. */
  String display(Path path) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    return (p.startsWith(base) && !p.equals(base) ? base.relativize(p) : p).toString().replace('\\', '/');
  }

  /** Reads the spec and generates the validated tree in memory; typed library errors become build failures. */
  private GenerationResult generate() throws MojoFailureException {
    return withGenerator((generator, fleet) -> generator.generate(fleet));
  }

  /**
   * Reads the spec and writes its tree into {@code dir} ({@link FleetGenerator#write}: nothing is generated when the
   * tree there is the one these inputs made); typed library errors become build failures.
   */
  TreeUpdate writeTree(Path dir) throws MojoFailureException {
    return withGenerator((generator, fleet) -> generator.write(fleet, dir));
  }

  private interface Run<T> {
    T run(FleetGenerator generator, FleetSpec fleet);
  }

  private <T> T withGenerator(Run<T> run) throws MojoFailureException {
    Profile selected;
    try {
      selected = Profiles.named(profile);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("agentfleet.profile: " + e.getMessage());
    }
    Path file = spec.toPath();
    if (!Files.isRegularFile(file)) {
      throw new MojoFailureException("agentfleet.spec: no fleet file at " + file.toAbsolutePath()
          + " (create it, or point agentfleet.spec at it)");
    }
    try {
      long start = System.nanoTime();
      FleetSpec fleet = FleetYaml.read(file, display(file));
      // -Dagentfleet.phases=true: how long each phase took, for benchmarks and slow builds.
      boolean phases = Boolean.getBoolean("agentfleet.phases");
      if (phases) {
        getLog().info(String.format("phase %-9s %8.1f ms", "parse", (System.nanoTime() - start) / 1e6));
      }
      return run.run(FleetGenerator.builder()
          .phaseListener(phases ? (phase, nanos) -> getLog().info(String.format("phase %-9s %8.1f ms", phase, nanos / 1e6))
              : null)
          .profile(selected)
          .schemaLocation(schemaLocation())
          .schemaLocationSetting("agentfleet.schemaLocation")
          .schemaCache(schemaCache == null ? null : schemaCache.toPath())
          .build(), fleet);
    } catch (FleetValidationException e) {
      String name = e instanceof io.agentfleet.generate.TreeValidationException ? display(treeDirectory())
          : display(file);
      String headline = e.getMessage().lines().findFirst().orElse("").replaceFirst(":$", "");
      getLog().error(headline);
      // Problems read from fleet.yaml carry their own file:line:column; the others are named by where they are.
      e.problems().forEach(p -> getLog().error(p.location().isPresent() ? p.toString() : name + ": " + p));
      throw new MojoFailureException(headline.contains("nothing was written") ? headline : headline + "; nothing was written");
    }
  }

  /** The schema location as given; relative local folders or templates resolve against the project, as File parameters do. */
  String schemaLocation() {
    if (schemaLocation == null || schemaLocation.isBlank()) {
      return null;
    }
    return Arrays.stream(schemaLocation.split(",")).map(String::trim).map(this::resolveLocal)
        .collect(Collectors.joining(","));
  }

  private String resolveLocal(String part) {
    if (part.isEmpty() || part.equals("default") || part.equals("bundled") || part.startsWith("classpath:")
        || part.contains("://")) {
      return part;
    }
    try {
      Path path = Path.of(part);
      return path.isAbsolute() ? part : basedir.toPath().resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      return part;
    }
  }
}
