package io.agentfleet.generate;

import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.model.Fleet;

/** What one generation made: the resolved fleet, the objects, and the bytes of every file. */
public record GenerationResult(Fleet fleet, ManifestTree manifests, RenderedTree tree) {}
