package io.agentfleet.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * The output directory cannot take the tree: it holds entries agentfleet did not write, is not a directory, or the
 * file system refused a step. The message names the directory and every offending entry; nothing was half-written.
 */
public final class TreeWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path directory;
  private final transient List<String> foreign;

  TreeWriteException(Path directory, String message, List<String> foreign, Throwable cause) {
    super(message, cause);
    this.directory = directory;
    this.foreign = List.copyOf(foreign);
  }

  TreeWriteException(Path directory, String message) {
    this(directory, message, List.of(), null);
  }

  /** The output directory the write or check was for. */
  public Path directory() {
    return directory;
  }

  /** Entries in the directory agentfleet did not write, relative with '/', each with its kind; empty for other failures. */
  public List<String> foreign() {
    return foreign;
  }
}
