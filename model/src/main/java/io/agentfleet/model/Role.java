package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a specialised sub-agent is for; it becomes the pod's role label and the agent's {@code AGENT_ROLE}. */
public enum Role {
  SENIOR_DEVELOPER("Senior Developer"),
  UI_DEVELOPER("UI Developer"),
  UX_EXPERT("UX Expert"),
  TEST_EXPERT("Test Expert"),
  ARCHITECTURE_EXPERT("Architecture Expert"),
  DEVOPS_EXPERT("DevOps Expert");

  private final String title;

  Role(String title) {
    this.title = title;
  }

  /** The role as people write it in a table: {@code Senior Developer}. */
  public String title() {
    return title;
  }

  @JsonCreator
  public static Role parse(String text) {
    return Names.parseEnum(Role.class, "role", text);
  }

  @JsonValue
  @Override
  public String toString() {
    return Names.kebab(this);
  }
}
