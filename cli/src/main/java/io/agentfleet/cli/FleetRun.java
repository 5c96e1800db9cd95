package io.agentfleet.cli;

import io.agentfleet.generate.EnvironmentsEntryPoint;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeValidationException;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of a goal over a fleet file: read it, select its environments, generate each (or skip one whose tree is up
 * to date), hand each tree to the goal, and let the goal act on them all. The Maven goals and the {@code agentfleet}
 * command are both thin callers of this, so the two read the same settings the same way and write the same trees.
 *
 * <p>Messages name each setting as the caller spells it ({@link Names}: {@code agentfleet.spec} for Maven,
 * {@code --fleet} on the command line), and every problem is reported through {@link Log} before the run fails with a
 * {@link Failure} that sums it up.
 */
public final class FleetRun {
  /** Whether a run in this JVM went past the up-to-date check into a generation (see {@link #generatedHere}). */
  private static final java.util.concurrent.atomic.AtomicBoolean GENERATED_HERE =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * True once a run in this JVM has generated a fleet (not only found its trees up to date, printed help or failed
   * on its command line): the command's launcher keeps a class-data archive only from such a run, which loaded the
   * classes every later run needs.
   */
  static boolean generatedHere() {
    return GENERATED_HERE.get();
  }

  /** Where a run's lines go: Maven's log, or the command's standard output and error. */
  public interface Log {
    void info(String line);

    /** Something the user should know that does not fail the run. */
    void warn(String line);

    void error(String line);
  }

  /** The run failed; its message is the summary a user reads last (the details were logged before it). */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }

  /**
   * How the caller names its settings in messages: the fleet file, the output folder, the two ways of choosing an
   * environment, the schema location and the number of threads, and the command that writes the trees.
   */
  public record Names(String spec, String outputDirectory, String profile, String environment, String schemaLocation,
      String threads, String generate) {
    /** The Maven plugin's parameters. */
    public static final Names MAVEN = new Names("agentfleet.spec", "agentfleet.outputDirectory", "agentfleet.profile",
        "agentfleet.environment", "agentfleet.schemaLocation", "agentfleet.threads", "mvn agentfleet:generate");

    /**
     * {@code setting} given {@code value} as a user writes it: {@code --environment dev} for an option,
     * {@code -Dagentfleet.profile=dev} for a Maven parameter. Every front end's setting names are spelt this way.
     */
    public static String given(String setting, String value) {
      return setting.startsWith("--") ? setting + " " + value : "-D" + setting + "=" + value;
    }

    /**
     * The switch {@code flag} turned on as a user writes it: {@code --overwrite}, {@code -Dagentfleet.overwrite=true}.
     */
    public static String on(String flag) {
      return flag.startsWith("--") ? flag : given(flag, "true");
    }
  }

  /**
   * What a goal does with a run. The run calls {@link #withoutGeneration} for each selected environment first; if any
   * answered false it generates (through {@link #generateAndWrite} when one environment is selected and the goal
   * does that), then calls {@link #execute} per environment and {@link #afterAll} once.
   */
  public interface Goal {
    /** A goal that needs no fresh tree for {@code env} acts here and returns true; by default every goal generates. */
    default boolean withoutGeneration(FleetRun run, Path dir, String env) throws Failure {
      return false;
    }

    /**
     * A goal whose whole work is writing the tree of {@code env}, when it is the only one selected, does it here
     * (generated, validated and written in one go) and returns true. A {@link FleetValidationException} is reported
     * as a failed generation is.
     */
    default boolean generateAndWrite(FleetRun run, Path dir, String env) throws Failure {
      return false;
    }

    /** Acts on the tree generated in memory for {@code env}, whose folder is {@code dir}. */
    void execute(FleetRun run, Path dir, GenerationResult result, String env) throws Failure;

    /** After every selected environment; {@code complete} when they are all the fleet declares. */
    default void afterAll(FleetRun run, Map<String, GenerationResult> results, boolean complete) throws Failure {}
  }

  private final Path spec;
  private final Path outputDirectory;
  private final Path basedir;
  private final String profile;
  private final String environment;
  private final String schemaLocation;
  private final Path schemaCache;
  private final int threads;
  private final boolean phases;
  private final Log log;
  private final Names names;
  private final java.util.function.BooleanSupplier stop;

  private FleetEnvironments fleet;
  private final Map<String, FleetGenerator> generators = new HashMap<>();
  private final Map<String, FleetEnvironment> environments = new HashMap<>();

  private FleetRun(Builder b) {
    this.basedir = b.basedir.toAbsolutePath().normalize();
    this.spec = basedir.resolve(b.spec);
    this.outputDirectory = basedir.resolve(b.outputDirectory);
    this.profile = b.profile;
    this.environment = b.environment;
    this.schemaLocation = b.schemaLocation;
    this.schemaCache = b.schemaCache == null ? null : basedir.resolve(b.schemaCache);
    this.threads = b.threads;
    this.phases = b.phases;
    this.log = b.log;
    this.names = b.names;
    this.stop = b.stop;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The settings of a run; paths given relative resolve against {@link #basedir}. */
  public static final class Builder {
    private Path basedir = Path.of("");
    private Path spec = Path.of("fleet.yaml");
    private Path outputDirectory = Path.of("generated");
    private String profile;
    private String environment;
    private String schemaLocation;
    private Path schemaCache;
    private int threads;
    private boolean phases;
    private Log log;
    private Names names = Names.MAVEN;
    private java.util.function.BooleanSupplier stop;

    private Builder() {}

    /** The folder the other paths, and the paths in messages, are relative to (the project, or the working folder). */
    public Builder basedir(Path basedir) {
      this.basedir = basedir;
      return this;
    }

    public Builder spec(Path spec) {
      this.spec = spec;
      return this;
    }

    /** The folder holding one tree per environment, {@code <outputDirectory>/<environment>}. */
    public Builder outputDirectory(Path outputDirectory) {
      this.outputDirectory = outputDirectory;
      return this;
    }

    /** The one environment to run (unset: every one the fleet declares); {@link #environment} is the same. */
    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** As {@code FleetGenerator.Builder.schemaLocation}; relative local folders resolve against the base folder. */
    public Builder schemaLocation(String schemaLocation) {
      this.schemaLocation = schemaLocation;
      return this;
    }

    public Builder schemaCache(Path schemaCache) {
      this.schemaCache = schemaCache;
      return this;
    }

    /** Threads one generation uses (0: one per processor up to 4); checked by {@link #build}. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Logs the time of each phase of each generation. */
    public Builder phases(boolean phases) {
      this.phases = phases;
      return this;
    }

    public Builder log(Log log) {
      this.log = log;
      return this;
    }

    public Builder names(Names names) {
      this.names = names;
      return this;
    }

    /**
     * Asked at each step of each generation whether to stop (its user went away); a stopped generation writes nothing
     * ({@code FleetGenerator.Builder#stopWhen}). Never by default.
     */
    public Builder stopWhen(java.util.function.BooleanSupplier stop) {
      this.stop = stop;
      return this;
    }

    public FleetRun build() {
      if (log == null) {
        throw new IllegalStateException("a FleetRun needs a log");
      }
      return new FleetRun(this);
    }
  }

  /** Runs {@code goal}: every selected environment, all problems reported before the run fails. */
  public void execute(Goal goal) throws Failure {
    if (threads < 0) {
      throw new Failure(names.threads() + ": " + threads + " is not a number of threads: write 0 (one per processor, up to 4) or "
          + "how many to use");
    }
    FleetEnvironments fleet = read();
    this.fleet = fleet;
    List<String> selected = selected(fleet);
    boolean generated = false;
    for (String env : selected) {
      if (!goal.withoutGeneration(this, treeDirectory(env), env)) {
        generated = true;
      }
    }
    if (!generated) {
      return;
    }
    GENERATED_HERE.set(true);
    if (selected.size() == 1) {
      // One tree and nothing made from several: a goal that only writes it stages its files while it is validated.
      String env = selected.get(0);
      try {
        if (goal.generateAndWrite(this, treeDirectory(env), env)) {
          return;
        }
      } catch (FleetValidationException e) {
        throw new Failure(failure(e, env));
      }
    }
    Map<String, GenerationResult> results = generate(fleet, selected);
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, GenerationResult> e : results.entrySet()) {
      try {
        goal.execute(this, treeDirectory(e.getKey()), e.getValue(), e.getKey());
      } catch (Failure failure) {
        failures.add(failure.getMessage());
      }
    }
    try {
      goal.afterAll(this, results, selected.size() == fleet.names().size());
    } catch (Failure failure) {
      failures.add(failure.getMessage());
    }
    if (!failures.isEmpty()) {
      throw new Failure(String.join("; ", failures));
    }
  }

  public Log log() {
    return log;
  }

  public Names names() {
    return names;
  }

  /** The fleet file. */
  public Path spec() {
    return spec;
  }

  /** The folder relative paths are read against (the project's, or where the command runs). */
  public Path basedir() {
    return basedir;
  }

  public Path outputDirectory() {
    return outputDirectory;
  }

  /** The fleet file as this run read it, once {@link #execute} has read it. */
  public FleetEnvironments fleet() {
    return fleet;
  }

  /** The directory of an environment's tree. */
  private Path treeDirectory(String env) {
    return outputDirectory.resolve(env);
  }

  /**
   * What a user runs to bring the trees of this run up to date: the generate command, with the environment this run
   * chose as they chose it ({@code mvn agentfleet:generate and commit the result (with -Dagentfleet.profile=dev)}).
   */
  public String regenerate() throws Failure {
    return names.generate() + " and commit the result"
        + chosen().map(env -> " (with " + Names.given(chosenBy(), env) + ")").orElse("");
  }

  /** Whether the run was told one environment (it may still be the fleet's only one). */
  public boolean environmentChosen() throws Failure {
    return chosen().isPresent();
  }

  /** The setting that chose the environment, as the caller names it: the profile when set, else the environment. */
  private String chosenBy() {
    return profile != null && !profile.isBlank() ? names.profile() : names.environment();
  }

  /** The environment chosen by profile or environment, if one is. */
  private Optional<String> chosen() throws Failure {
    boolean p = profile != null && !profile.isBlank();
    boolean e = environment != null && !environment.isBlank();
    if (p && e && !profile.equals(environment)) {
      throw new Failure(names.environment() + ": '" + environment + "' contradicts " + names.profile() + " '" + profile
          + "'; give one of them");
    }
    return Optional.ofNullable(p ? profile.trim() : e ? environment.trim() : null);
  }

  /** The environments this run generates: the one chosen, or every one the fleet declares. */
  public List<String> selected(FleetEnvironments fleet) throws Failure {
    Optional<String> chosen = chosen();
    if (chosen.isEmpty()) {
      return fleet.names();
    }
    String one = chosen.get();
    String setting = chosenBy();
    try {
      Profiles.named(one);
    } catch (IllegalArgumentException e) {
      throw new Failure(setting + ": " + e.getMessage());
    }
    if (fleet.declared() && !fleet.names().contains(one)) {
      throw new Failure(setting + ": the fleet in " + display(spec) + " declares no environment '" + one
          + "' (declared under environments: " + String.join(", ", fleet.names()) + ")");
    }
    return List.of(one);
  }

  /**
   * The generator of environment {@code env}, set up as this run's settings say; one per environment and run, so
   * that the inputs' fingerprint is computed once whether the goal checks the tree, generates it or writes it.
   */
  public FleetGenerator generator(String env) {
    return generators.computeIfAbsent(env, this::newGenerator);
  }

  private FleetGenerator newGenerator(String env) {
    return FleetGenerator.builder()
        .phaseListener(phases ? (phase, nanos) -> log.info(String.format("phase %-9s %8.1f ms", phase, nanos / 1e6))
            : null)
        .profile(Profiles.named(env))
        .schemaLocation(schemaLocation())
        .schemaLocationSetting(names.schemaLocation())
        .schemaCache(schemaCache)
        .threads(threads)
        .stopWhen(stop)
        .build();
  }

  /** Environment {@code env} of the fleet file this run read (the same object at every call). */
  public FleetEnvironment environment(String env) {
    return environments.computeIfAbsent(env, e -> fleet.declared() ? fleet.get(e)
        : FleetEnvironment.of(e, fleet.all().get(0).spec()));
  }

  /** Whether this run makes the Argo CD entry point of all environments (several declared, none chosen). */
  public boolean writesEntryPoint() throws Failure {
    return fleet.declared() && fleet.names().size() > 1 && chosen().isEmpty();
  }

  /**
   * The Argo CD entry point of all a fleet's environments: its file, its bytes, and whether the file on disk holds
   * them already ({@code onDisk}: null when there is no such file).
   */
  public record EntryPoint(Path file, byte[] bytes, byte[] onDisk) {
    /** Whether the file on disk is this entry point, byte for byte. */
    public boolean current() {
      return onDisk != null && Arrays.equals(onDisk, bytes);
    }
  }

  /**
   * The Argo CD entry point of all the fleet's environments, when it declares several and all were generated; empty
   * otherwise. Problems (an object two environments write, operators the installing environment lacks) fail the run,
   * naming each; so does a file there that cannot be read.
   */
  public Optional<EntryPoint> entryPoint(Map<String, GenerationResult> results, boolean complete) throws Failure {
    if (!complete || !fleet.declared() || results.size() < 2) {
      return Optional.empty();
    }
    Path file = outputDirectory.resolve(EnvironmentsEntryPoint.FILE);
    byte[] bytes;
    try {
      bytes = EnvironmentsEntryPoint.of(results, schemaLocation(), schemaCache).bytes(EnvironmentsEntryPoint.FILE);
    } catch (FleetValidationException e) {
      throw report(e, display(file));
    }
    try {
      return Optional.of(new EntryPoint(file, bytes, Files.isRegularFile(file) ? Files.readAllBytes(file) : null));
    } catch (IOException e) {
      throw new Failure(names.outputDirectory() + ": cannot read " + display(file) + ": " + e.getMessage());
    }
  }

  /** Reads the fleet file; every problem of every environment is reported at once. */
  private FleetEnvironments read() throws Failure {
    if (!Files.isRegularFile(spec)) {
      throw new Failure(names.spec() + ": no fleet file at " + spec + " (create it, or point " + names.spec()
          + " at it)");
    }
    long start = System.nanoTime();
    try {
      FleetEnvironments read = FleetYaml.readEnvironments(spec, display(spec));
      if (phases) {
        log.info(String.format("phase %-9s %8.1f ms", "parse", (System.nanoTime() - start) / 1e6));
      }
      return read;
    } catch (FleetValidationException e) {
      throw report(e, display(spec));
    }
  }

  /** Logs every problem of a failed generation or read and answers the failure that sums it up. */
  private Failure report(FleetValidationException e, String name) {
    String headline = e.getMessage().lines().findFirst().orElse("").replaceFirst(":$", "");
    log.error(headline);
    // Problems read from fleet.yaml carry their own file:line:column; the others are named by where they are.
    e.problems().forEach(p -> log.error(p.location().isPresent() ? p.toString() : name + ": " + p));
    return new Failure(headline.contains("nothing was written") ? headline : headline + "; nothing was written");
  }

  /**
   * Generates the validated tree of every selected environment in memory. All or nothing: when one fails, every
   * problem of every environment is reported, each named by its environment's folder, and nothing is written.
   */
  private Map<String, GenerationResult> generate(FleetEnvironments fleet, List<String> envs) throws Failure {
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
      throw new Failure(String.join("; ", failed));
    }
    return results;
  }

  /** The report of environment {@code env}'s failed generation, named by its tree's folder or by the fleet file. */
  private String failure(FleetValidationException e, String env) {
    String name = e instanceof TreeValidationException ? display(treeDirectory(env)) : display(spec) + " (" + env + ")";
    return report(e, name).getMessage();
  }

  /** A path as users read it in messages: relative to the base folder when inside it. */
  public String display(Path path) {
    return display(basedir, path);
  }

  /** {@code path} as users read it in messages: relative to {@code base} when inside it, else absolute. */
  public static String display(Path base, Path path) {
    Path b = base.toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    return (p.startsWith(b) && !p.equals(b) ? b.relativize(p) : p).toString().replace('\\', '/');
  }

  /** The schema location as given; relative local folders or templates resolve against the base folder. */
  public String schemaLocation() {
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
      return path.isAbsolute() ? part : basedir.resolve(path).normalize().toString();
    } catch (InvalidPathException e) {
      return part;
    }
  }
}
