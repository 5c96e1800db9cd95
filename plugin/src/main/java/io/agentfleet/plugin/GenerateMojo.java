package io.agentfleet.plugin;

import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeUpdate;
import io.agentfleet.generate.TreeWriteException;
import io.agentfleet.generate.EnvironmentsEntryPoint;
import io.agentfleet.model.FleetEnvironments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Generates the fleet's Kubernetes tree from fleet.yaml into {@code <outputDirectory>/<environment>}, every environment it declares unless one is chosen. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractFleetMojo {
  /**
   * Nothing to generate for an environment whose tree is the one these inputs made (its recorded fingerprint
   * matches and every file still has its recorded hash; {@code FleetGenerator.upToDate}). When any environment must
   * be generated, all selected ones are (the Argo CD entry point is made from all of them), and an unchanged tree
   * is then left as it is by the writer. A missing entry point is regenerated too.
   */
  @Override
  boolean executeWithoutGeneration(Path dir, String env) throws MojoExecutionException, MojoFailureException {
    if (writesEntryPoint() && !Files.isRegularFile(outputDirectory.toPath().resolve(EnvironmentsEntryPoint.FILE))) {
      return false;
    }
    Optional<TreeUpdate> current;
    try {
      current = generator(env).upToDate(environment(env), dir);
    } catch (TreeWriteException e) {
      throw unwritable(e);
    }
    if (current.isEmpty()) {
      return false;
    }
    getLog().info("Checked " + display(dir) + " from " + display(spec.toPath()) + " (environment " + env + ")");
    current.get().lines().forEach(getLog()::info);
    return true;
  }

  @Override
  boolean generateAndWrite(Path dir, String env) throws MojoExecutionException, MojoFailureException {
    TreeUpdate update;
    try {
      update = generator(env).generateAndWrite(environment(env), dir);
    } catch (TreeWriteException e) {
      throw unwritable(e);
    }
    logGenerated(dir, env, update);
    return true;
  }

  @Override
  void execute(Path dir, GenerationResult result, String env) throws MojoExecutionException, MojoFailureException {
    TreeUpdate update;
    try {
      update = generator(env).write(environment(env), dir, result);
    } catch (TreeWriteException e) {
      throw unwritable(e);
    }
    logGenerated(dir, env, update);
  }

  /** A tree folder that cannot be read or written, reported against the setting that names it. */
  private static MojoFailureException unwritable(TreeWriteException e) {
    return new MojoFailureException("agentfleet.outputDirectory: " + e.getMessage());
  }

  private void logGenerated(Path dir, String env, TreeUpdate update) {
    getLog().info("Generated " + display(dir) + " from " + display(spec.toPath()) + " (environment " + env + ")");
    update.lines().forEach(getLog()::info);
  }

  /** With every environment generated, writes their Argo CD entry point beside the trees (only when it changes). */
  @Override
  void afterAll(FleetEnvironments fleet, Map<String, GenerationResult> results, boolean complete)
      throws MojoExecutionException, MojoFailureException {
    Optional<Map.Entry<Path, byte[]>> entry = entryPoint(fleet, results, complete);
    if (entry.isEmpty()) {
      return;
    }
    Path file = entry.get().getKey();
    byte[] bytes = entry.get().getValue();
    try {
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        getLog().info(display(file) + " is up to date");
        return;
      }
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".argocd-environments", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MojoFailureException("agentfleet.outputDirectory: cannot write " + display(file) + ": " + e.getMessage());
    }
    getLog().info("Wrote " + display(file) + ": the Argo CD entry point of " + String.join(", ", results.keySet()));
  }
}
