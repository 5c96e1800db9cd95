package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters every agentfleet goal shares, handed to the library's run of a fleet file ({@link FleetRun}, which
 * the {@code agentfleet} command runs too) with the goal's part of it ({@link #goal}).
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
    FleetRun run = FleetRun.builder()
        .basedir(basedir.toPath())
        .spec(spec.toPath())
        .outputDirectory(outputDirectory.toPath())
        .profile(profile)
        .environment(environment)
        .schemaLocation(schemaLocation)
        .schemaCache(schemaCache == null ? null : schemaCache.toPath())
        .threads(threads)
        .phases(Boolean.getBoolean("agentfleet.phases"))
        .log(new MavenLog(getLog()))
        .build();
    try {
      run.execute(goal());
    } catch (FleetRun.Failure e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /** What the run does: a goal of the library, which the {@code agentfleet} command runs too. */
  abstract FleetRun.Goal goal();
}
