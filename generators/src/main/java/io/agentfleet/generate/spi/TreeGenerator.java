package io.agentfleet.generate.spi;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.model.Fleet;
import java.util.List;

/**
 * A generator that needs the whole tree: {@link io.agentfleet.generate.FleetGenerator} runs it after every folder {@link Generator} and
 * after the profile's decorators, in list order, with the tree made so far (the final objects) (so it sees the folders others made and
 * the files of earlier tree generators). It still writes only under its own {@link #folder()} ({@code ""} for the
 * root) and stays pure. The wiring that applies the tree ({@code ci-cd/}, {@code migration/}, the folders'
 * {@code kustomization.yaml}) is derived this way from whatever folders the tree holds.
 */
public interface TreeGenerator extends Generator {
  /**
   * The files this generator adds, given the fleet, the tree of the folder generators (and earlier tree generators)
   * and the name of the profile the tree is generated with (a GitOps path defaults to {@code generated/<profile>}).
   */
  List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, String profile);

  /** The same, given the whole profile (what its preset sets, for a generator that says so); by name by default. */
  default List<ManifestFile> generate(Fleet fleet, PlatformPlan plan, ManifestTree tree, Profile profile) {
    return generate(fleet, plan, tree, profile.name());
  }

  /** Tree generators make nothing in the per-folder pass: their files come from the whole-tree method. */
  @Override
  default List<ManifestFile> generate(Fleet fleet, PlatformPlan plan) {
    return List.of();
  }
}
