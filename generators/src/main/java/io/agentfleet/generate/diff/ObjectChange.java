package io.agentfleet.generate.diff;

import java.util.List;

/** An object added, removed or changed between two trees, with the file it lives in and its changed fields. */
public record ObjectChange(Status status, ObjectKey key, String file, List<FieldChange> fields) {
  /** What happened to the object. */
  public enum Status { ADDED, REMOVED, CHANGED }

  public ObjectChange {
    fields = List.copyOf(fields);
  }
}
