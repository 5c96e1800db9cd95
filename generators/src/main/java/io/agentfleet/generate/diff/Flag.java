package io.agentfleet.generate.diff;

/** Something a reviewer must look at: its category, what it is about (an object, a connection) and what it says. */
public record Flag(Category category, String subject, String text) {
  /** The kinds of risk, in the order reviewers read them. */
  public enum Category {
    STATEFUL_DELETION("stateful object deleted"),
    STORAGE_SHRUNK("storage shrunk"),
    RBAC_WIDENED("RBAC widened"),
    MOVED_BETWEEN_APPLICATIONS("moved to another Application"),
    NETWORK_WIDENED("network widened"),
    IMAGE_CHANGED("image changed"),
    REPLICA_BOUNDS("replica bounds changed"),
    SECRET_REFERENCE_ADDED("Secret reference added");

    private final String title;

    Category(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }
}
