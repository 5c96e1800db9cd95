package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of looking for one schema at one location: found, definitely absent, or not reachable now. */
public sealed interface SchemaFetch {
  /** The schema exists; here it is. */
  record Found(JsonNode schema) implements SchemaFetch {}

  /** The location answered that there is no such schema (a 404, a missing file in an existing folder). */
  record Missing() implements SchemaFetch {}

  /**
   * The location could not be asked (offline, folder missing, server error); says nothing about the schema.
   * {@code origin} groups sources that fail together (one host, one folder).
   */
  record Unavailable(String origin, String source, String cause, boolean remote) implements SchemaFetch {}
}
