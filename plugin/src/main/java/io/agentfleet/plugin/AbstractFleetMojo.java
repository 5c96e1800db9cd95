package io.agentfleet.plugin;

import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The one environment to generate (dev, staging, production); unset: every environment the fleet declares under
   * {@code environments:}, or production alone when it declares none. {@code agentfleet.environment} is the same.
   */
  @Parameter(property = "agentfleet.profile")
  String profile;

  /** The same as {@code agentfleet.profile}, by the name the fleet file uses. */
  @Parameter(property = "agentfleet.environment")
  String environment;

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

  /** The fleet file as read by this run, once {@link #execute()} has read it. */
  private FleetEnvironments fleet;
  private final Map<String, FleetGenerator> generators = new java.util.HashMap<>();
  private final Map<String, FleetEnvironment> environments = new java.util.HashMap<>();

  /** Skips the goal. */
  @Parameter(property = "agentfleet.skip", defaultValue = "false")
  boolean skip;

  /**
   * Threads one generation uses: 0, the default, one per processor up to 4; 1 generates on Maven's own thread alone
   * (a shared CI runner, a parallel Maven build). The tree is the same byte for byte whatever the number.
   */
  @Parameter(property = "agentfleet.threads", defaultValue = "0")
  int threads;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping agentfleet (agentfleet.skip=true)");
      return;
    }
    if (threads < 0) {
      throw new MojoFailureException("agentfleet.threads: " + threads + " is not a number of threads: write 0 (one "
          + "per processor, up to 4) or how many to use");
    }
    FleetEnvironments fleet = read();
    this.fleet = fleet;
    List<String> selected = selected(fleet);
    List<String> failures = new ArrayList<>();
    Map<String, GenerationResult> results = new LinkedHashMap<>();
    boolean generated = false;
    for (String env : selected) {
      if (!executeWithoutGeneration(treeDirectory(env), env)) {
        generated = true;
      }
    }
    if (generated && selected.size() == 1) {
      // One tree and nothing made from several: a goal that only writes it stages its files while it is validated.
      String env = selected.get(0);
      try {
        if (generateAndWrite(treeDirectory(env), env)) {
          return;
        }
      } catch (FleetValidationException e) {
        throw new MojoFailureException(failure(e, env));
      }
    }
    if (generated) {
      results = generate(fleet, selected);
    }
    for (Map.Entry<String, GenerationResult> e : results.entrySet()) {
      try {
        execute(treeDirectory(e.getKey()), e.getValue(), e.getKey());
      } catch (MojoFailureException failure) {
        failures.add(failure.getMessage());
      }
    }
    if (generated) {
      try {
        afterAll(fleet, results, selected.size() == fleet.names().size());
      } catch (MojoFailureException failure) {
        failures.add(failure.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new MojoFailureException(String.join("; ", failures));
    }
  }

  /** A goal that needs no fresh tree for its parameters runs here and returns true; by default every goal generates. */
  boolean executeWithoutGeneration(Path dir, String env) throws MojoExecutionException, MojoFailureException {
    return false;
  }

  /**
   * A goal whose whole work is to write the tree of environment {@code env}, when it is the only one selected, does it
   * here (generated, validated and written in one go) and returns true; by default a goal runs on the tree generated
   * in memory ({@link #execute(Path, GenerationResult, String)}). A {@link FleetValidationException} is reported as
   * a failed generation is.
   */
  boolean generateAndWrite(Path dir, String env) throws MojoExecutionException, MojoFailureException {
    return false;
  }

  /** Runs the goal on the tree generated in memory for environment {@code env}, whose folder is {@code dir}. */
  abstract void execute(Path dir, GenerationResult result, String env)
      throws MojoExecutionException, MojoFailureException;

  /**
   * Runs after every selected environment: {@code complete} when they are all the fleet declares (the goals that
   * keep the Argo CD entry point of all environments act then).
   */
  void afterAll(FleetEnvironments fleet, Map<String, GenerationResult> results, boolean complete)
      throws MojoExecutionException, MojoFailureException {}

  /**
   * The Argo CD entry point of all the fleet's environments, when it declares several and all were generated:
   * its path and bytes; empty otherwise. Problems (an object two environments write, operators the installing
   * environment lacks) fail the goal, naming each.
   */
  java.util.Optional<Map.Entry<Path, byte[]>> entryPoint(FleetEnvironments fleet, Map<String, GenerationResult> results,
      boolean complete) throws MojoFailureException {
    if (!complete || !fleet.declared() || results.size() < 2) {
      return java.util.Optional.empty();
    }
    try {
      io.agentfleet.generate.spi.RenderedTree tree = io.agentfleet.generate.EnvironmentsEntryPoint.of(results,
          schemaLocation(), schemaCache == null ? null : schemaCache.toPath());
      String file = io.agentfleet.generate.EnvironmentsEntryPoint.FILE;
      return java.util.Optional.of(Map.entry(outputDirectory.toPath().resolve(file), tree.bytes(file)));
    } catch (FleetValidationException e) {
      throw report(e, display(outputDirectory.toPath().resolve(io.agentfleet.generate.EnvironmentsEntryPoint.FILE)));
    }
  }

  /** The directory of an environment's tree. */
  Path treeDirectory(String env) {
    return outputDirectory.toPath().resolve(env);
  }

  /** The environment named by agentfleet.profile or agentfleet.environment, if one is. */
  private String chosen() throws MojoFailureException {
    boolean p = profile != null && !profile.isBlank();
    boolean e = environment != null && !environment.isBlank();
    if (p && e && !profile.equals(environment)) {
      throw new MojoFailureException("agentfleet.environment: '" + environment + "' contradicts agentfleet.profile '"
          + profile + "'; give one of them");
    }
    return p ? profile.trim() : e ? environment.trim() : null;
  }

  /** The environments this run generates: the one chosen, or every one the fleet declares. */
  List<String> selected(FleetEnvironments fleet) throws MojoFailureException {
    String one = chosen();
    if (one == null) {
      return fleet.names();
    }
    String parameter = profile != null && !profile.isBlank() ? "agentfleet.profile" : "agentfleet.environment";
    try {
      Profiles.named(one);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(parameter + ": " + e.getMessage());
    }
    if (fleet.declared() && !fleet.names().contains(one)) {
      throw new MojoFailureException(parameter + ": the fleet in " + display(spec.toPath()) + " declares no environment '"
          + one + "' (declared under environments: " + String.join(", ", fleet.names()) + ")");
    }
    return List.of(one);
  }

  /**
   * The generator of environment {@code env}, set up as this goal's parameters say; one per environment and run, so
   * that the inputs' fingerprint is computed once whether the goal checks the tree, generates it or writes it.
   */
  FleetGenerator generator(String env) {
    return generators.computeIfAbsent(env, this::newGenerator);
  }

  private FleetGenerator newGenerator(String env) {
    boolean phases = Boolean.getBoolean("agentfleet.phases");
    return FleetGenerator.builder()
        .phaseListener(phases ? (phase, nanos) -> getLog().info(String.format("phase %-9s %8.1f ms", phase, nanos / 1e6))
            : null)
        .profile(Profiles.named(env))
        .schemaLocation(schemaLocation())
        .schemaLocationSetting("agentfleet.schemaLocation")
        .schemaCache(schemaCache == null ? null : schemaCache.toPath())
        .threads(threads)
        .build();
  }

  /** Environment {@code env} of the fleet file this run read (the same object at every call). */
  FleetEnvironment environment(String env) {
    return environments.computeIfAbsent(env, e -> environment(fleet, e));
  }

  /** Whether this run writes the Argo CD entry point of all environments (several declared, none chosen). */
  boolean writesEntryPoint() throws MojoFailureException {
    return fleet.declared() && fleet.names().size() > 1 && chosen() == null;
  }

  /** The environment's spec: the one the file declares, or, without environments:, the file's for any profile. */
  private static FleetEnvironment environment(FleetEnvironments fleet, String env) {
    return fleet.declared() ? fleet.get(env) : FleetEnvironment.of(env, fleet.all().get(0).spec());
  }

  /** Reads the fleet file; every problem of every environment is reported at once. */
  private FleetEnvironments read() throws MojoFailureException {
    Path file = spec.toPath();
    if (!Files.isRegularFile(file)) {
      throw new MojoFailureException("agentfleet.spec: no fleet file at " + file.toAbsolutePath()
          + " (create it, or point agentfleet.spec at it)");
    }
    long start = System.nanoTime();
    try {
      FleetEnvironments fleet = FleetYaml.readEnvironments(file, display(file));
      if (Boolean.getBoolean("agentfleet.phases")) {
        getLog().info(String.format("phase %-9s %8.1f ms", "parse", (System.nanoTime() - start) / 1e6));
      }
      return fleet;
    } catch (FleetValidationException e) {
      throw report(e, display(file));
    }
  }

  private MojoFailureException report(FleetValidationException e, String name) {
    String headline = e.getMessage().lines().findFirst().orElse("").replaceFirst(":$", "");
    getLog().error(headline);
    // Problems read from fleet.yaml carry their own file:line:column; the others are named by where they are.
    e.problems().forEach(p -> getLog().error(p.location().isPresent() ? p.toString() : name + ": " + p));
    return new MojoFailureException(headline.contains("nothing was written") ? headline : headline + "; nothing was written");
  }

  /**
   * Generates the validated tree of every selected environment in memory. All or nothing: when one fails, every
   * problem of every environment is reported, each named by its environment's folder, and nothing is written.
   */
  private Map<String, GenerationResult> generate(FleetEnvironments fleet, List<String> envs) throws MojoFailureException {
    Map<String, GenerationResult> results = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (String env : envs) {
      try {
        results.put(env, generator(env).generate(environment(env)));
      } catch (FleetValidationException e) {
        failed.add(failure(e, env));
      }
    }
    if (!failed.isEmpty()) {
      throw new MojoFailureException(String.join("; ", failed));
    }
    return results;
  }

  /** The report of environment {@code env}'s failed generation, named by its tree's folder or by the fleet file. */
  private String failure(FleetValidationException e, String env) {
    String name = e instanceof io.agentfleet.generate.TreeValidationException ? display(treeDirectory(env))
        : display(spec.toPath()) + " (" + env + ")";
    return report(e, name).getMessage();
  }

  /** A path as users read it in messages: relative to the project when inside it. */
  String display(Path path) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    return (p.startsWith(base) && !p.equals(base) ? base.relativize(p) : p).toString().replace('\\', '/');
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
