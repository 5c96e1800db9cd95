package io.agentfleet.generate.spi;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.Problem;
import java.util.List;

/** Checks a rendered tree before it is written; every problem names the file, the object and the rule. */
public interface TreeValidator {
  List<Problem> validate(RenderedTree tree, String kubernetesVersion);

  /**
   * Told, while the rest of the tree is still being made, the {@code apiVersion}/{@code kind} pairs of the objects
   * generated so far, so that it can get ready for them (load and compile their schemas) on another thread. Must not
   * report problems or change what {@link #validate} finds; nothing by default.
   */
  default void prepare(java.util.Collection<java.util.Map.Entry<String, String>> kinds, String kubernetesVersion) {}

  /**
   * Told, on the thread that {@link #prepare prepared} it and after that, each document the folder generators
   * finished, in the tree's order, while the tree generators still run: a validator may check what it can of that
   * document alone, ahead of {@link #validate}, and keep the result for it, keyed by the document's identity (a
   * finished document's JSON tree is never changed). It may be told only some of the tree's documents, or none; what
   * {@link #validate} reports must be the same either way. Nothing by default.
   */
  default void precheck(com.fasterxml.jackson.databind.JsonNode document, String kubernetesVersion) {}

  /** Checks the tree of a fleet against its platform plan; validators that need neither check the tree alone. */
  default List<Problem> validate(RenderedTree tree, Fleet fleet, PlatformPlan plan) {
    return validate(tree, fleet.kubernetesVersion());
  }
}
