package io.agentfleet.compose;

import java.util.List;

/** A Compose file that cannot become a fleet: every problem found, each naming the file and the field. */
public final class ComposeImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ComposeImportException(String headline, List<String> problems) {
    super(headline + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem: {@code docker-compose.yml: services.a2-worker: …}. */
  public List<String> problems() {
    return problems;
  }
}
