package io.agentfleet.generate;

import io.agentfleet.generate.spi.RenderedTree;
import java.util.List;
import java.util.Optional;

/**
 * What {@link FleetGenerator#write} did: either the tree on disk was already the one these inputs make (nothing was
 * generated or written), or it generated, validated and wrote it; the report says per file what changed.
 *
 * @param report what changed on disk, per file (all unchanged when {@code upToDate})
 * @param fingerprint the inputs' fingerprint, empty when the generator's set-up cannot be fingerprinted (its own
 *     validators or a schema location other than the shipped schemas), in which case every run generates
 * @param upToDate true when the tree was found up to date by its fingerprint and nothing was generated
 * @param generated the tree as generated and written, when a generation ran
 */
public record TreeUpdate(TreeReport report, Optional<String> fingerprint, boolean upToDate,
    Optional<RenderedTree> generated) {
  /** Lines for a terminal: "up to date (fingerprint …)" when skipped, else the report's lines. */
  public List<String> lines() {
    if (upToDate) {
      return List.of("up to date (fingerprint " + Fingerprint.shortForm(fingerprint.orElseThrow()) + "): "
          + report.unchanged().size() + " files unchanged, nothing generated");
    }
    return report.lines();
  }
}
