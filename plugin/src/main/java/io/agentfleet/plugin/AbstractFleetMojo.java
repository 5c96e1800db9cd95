package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.model.FleetEnvironments;
import io.agentfleet.model.FleetValidationException;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters every agentfleet goal shares, handed to the library's run of a fleet file ({@link FleetRun}, which
 * the {@code agentfleet} command runs too); each goal is the run's hooks below.
 */
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

  /** This execution's run over the fleet file, once {@link #execute()} has begun. */
  private FleetRun run;

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
    run = FleetRun.builder()
        .basedir(basedir.toPath())
        .spec(spec.toPath())
        .outputDirectory(outputDirectory.toPath())
        .profile(profile)
        .environment(environment)
        .schemaLocation(schemaLocation)
        .schemaCache(schemaCache == null ? null : schemaCache.toPath())
        .threads(threads)
        .phases(Boolean.getBoolean("agentfleet.phases"))
        .log(new MavenLog())
        .build();
    try {
      run.execute(goal());
    } catch (FleetRun.Failure e) {
      throw new MojoFailureException(e.getMessage());
    } catch (Aborted e) {
      throw e.cause;
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

  /**
   * Runs the goal on the tree generated in memory for environment {@code env}, whose folder is {@code dir}. Every
   * goal that runs through this mojo's hooks has it; a goal the library runs whole ({@link #goal}) has none.
   */
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException, MojoFailureException {
    throw new IllegalStateException(getClass().getSimpleName() + " runs " + goal() + ", not its hooks");
  }

  /**
   * What the run does: this mojo's hooks ({@link #executeWithoutGeneration}, {@link #generateAndWrite},
   * {@link #execute(Path, GenerationResult, String)}, {@link #afterAll}), or a goal of the library that the
   * {@code agentfleet} command runs too.
   */
  FleetRun.Goal goal() {
    return new Hooks();
  }

  /**
   * Runs after every selected environment: {@code complete} when they are all the fleet declares (the goals that
   * keep the Argo CD entry point of all environments act then).
   */
  void afterAll(FleetEnvironments fleet, Map<String, GenerationResult> results, boolean complete)
      throws MojoExecutionException, MojoFailureException {}

  /** This execution's run: the settings above as the library reads them. */
  FleetRun run() {
    return run;
  }

  /** A path as users read it in messages: relative to the project when inside it. */
  String display(Path path) {
    return FleetRun.display(basedir.toPath(), path);
  }

  /** A goal's internal error (a {@link MojoExecutionException}) carried out of the run unchanged. */
  private static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient MojoExecutionException cause;

    Aborted(MojoExecutionException cause) {
      super(cause);
      this.cause = cause;
    }
  }

  /** A goal step of this mojo, in Maven's exceptions. */
  private interface MojoStep<T> {
    T call() throws MojoExecutionException, MojoFailureException;
  }

  private static <T> T mojo(MojoStep<T> step) throws FleetRun.Failure {
    try {
      return step.call();
    } catch (MojoFailureException e) {
      throw new FleetRun.Failure(e.getMessage());
    } catch (MojoExecutionException e) {
      throw new Aborted(e);
    }
  }

  /** This mojo's hooks as the run's goal. */
  private final class Hooks implements FleetRun.Goal {
    @Override
    public boolean withoutGeneration(FleetRun r, Path dir, String env) throws FleetRun.Failure {
      return mojo(() -> executeWithoutGeneration(dir, env));
    }

    @Override
    public boolean generateAndWrite(FleetRun r, Path dir, String env) throws FleetRun.Failure {
      return mojo(() -> AbstractFleetMojo.this.generateAndWrite(dir, env));
    }

    @Override
    public void execute(FleetRun r, Path dir, GenerationResult result, String env) throws FleetRun.Failure {
      mojo(() -> {
        AbstractFleetMojo.this.execute(dir, result, env);
        return null;
      });
    }

    @Override
    public void afterAll(FleetRun r, Map<String, GenerationResult> results, boolean complete)
        throws FleetRun.Failure {
      mojo(() -> {
        AbstractFleetMojo.this.afterAll(r.fleet(), results, complete);
        return null;
      });
    }
  }

  /** Maven's log as the run's. */
  private final class MavenLog implements FleetRun.Log {
    @Override
    public void info(String line) {
      getLog().info(line);
    }

    @Override
    public void error(String line) {
      getLog().error(line);
    }
  }
}
