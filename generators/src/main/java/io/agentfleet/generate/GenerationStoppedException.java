package io.agentfleet.generate;

/**
 * A generation ended because its caller asked it to stop ({@link FleetGenerator.Builder#stopWhen}): at the next step
 * after the asking, and before a tree it was writing was put in place, so the tree's folder is as it was.
 */
public final class GenerationStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GenerationStoppedException() {
    super("the generation was asked to stop; nothing was written", null, false, false);
  }
}
