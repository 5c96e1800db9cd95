package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the fleet does when its sub-agents at maximum scale would call the Claude API beyond the declared limits. */
public enum OverBudget {
  /** Refuse the fleet, naming the limit and the numbers (the default: a budget is never exceeded silently). */
  REFUSE,
  /** Lower the sub-agents' maximum replicas until the budget holds, higher priorities first. */
  CAP;

  @JsonCreator
  public static OverBudget parse(String text) {
    return Names.parseEnum(OverBudget.class, "overBudget", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
