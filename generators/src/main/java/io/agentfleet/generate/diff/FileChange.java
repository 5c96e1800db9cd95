package io.agentfleet.generate.diff;

/**
 * A file that is not compared object by object (README, scripts, kustomizations, the workflow), or a manifest
 * whose objects are equal but whose text (comments) changed: how many lines came and went.
 */
public record FileChange(Status status, String path, int linesAdded, int linesRemoved) {
  /** What happened to the file. */
  public enum Status { ADDED, REMOVED, CHANGED, COMMENTS }

  /** {@code +2 −2 lines}. */
  public String lineCount() {
    return "+" + linesAdded + " −" + linesRemoved + " lines";
  }
}
