package io.agentfleet.generate.spi;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.model.Fleet;
import java.util.List;

/** Creates the files of one folder of the tree from a resolved fleet. Pure: no I/O, clock, randomness or statics. */
public interface Generator {
  /** The folder this generator owns ({@code core}, {@code sub-agents}, …). */
  String folder();

  /**
   * The folder's files, given the fleet and the plan of what crosses folders (computed once, before any generator).
   * The list may make each file when it is read (a folder of one file per sub-agent does): the generation reads each
   * file once, from any of its threads, and decorates and freezes it at once, so that a large folder's objects never
   * live all together.
   */
  List<ManifestFile> generate(Fleet fleet, PlatformPlan plan);

  /** The folder's files under the fleet's own plan: for tests and embedders that run one generator alone. */
  default List<ManifestFile> generate(Fleet fleet) {
    return generate(fleet, PlatformPlan.of(fleet));
  }
}
