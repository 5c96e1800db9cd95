package io.agentfleet.generate;

import io.agentfleet.model.Fleet;
import java.util.List;

/** Creates the files of one folder of the tree from a resolved fleet. Pure: no I/O, clock, randomness or statics. */
public interface Generator {
  /** The folder this generator owns ({@code core}, {@code sub-agents}, …). */
  String folder();

  List<ManifestFile> generate(Fleet fleet);
}
