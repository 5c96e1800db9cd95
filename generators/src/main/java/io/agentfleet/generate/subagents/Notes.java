package io.agentfleet.generate.subagents;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import java.util.Map;
import java.util.TreeMap;

/** Source notes of one sub-agent's object: JSON pointer → where the value came from ({@code fleet.sources()}). */
final class Notes {
  private final Fleet fleet;
  private final String id;
  private final Map<String, String> notes = new TreeMap<>();

  Notes(Fleet fleet, SubAgent s) {
    this.fleet = fleet;
    this.id = s.id();
  }

  /** Notes the value at {@code pointer} with the source of the sub-agent's {@code field} ({@code scaling.cpu}). */
  void put(String pointer, String field) {
    notes.put(pointer, fleet.sources().subAgentNote(id, field));
  }

  /** The same, for a value written in other units than the fleet's ({@code 300} seconds for {@code 5m}). */
  void put(String pointer, String field, Object asWritten) {
    String note = fleet.sources().subAgentNote(id, field);
    notes.put(pointer, note.isEmpty() ? "" : note + " (" + asWritten + ")");
  }

  Map<String, String> notes() {
    return notes;
  }
}
