package io.agentfleet.generate.validate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.Keyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.ValidatorTypeCode;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A structural keyword ({@code properties}, {@code items}, {@code additionalProperties}) whose validators remember the
 * last few nodes they found valid, by identity, and find them valid again without descending. A generated tree
 * holds each repeated part once ({@code SharingNodeFactory}: the security contexts, probes, mounts and policy rules
 * of thousands of sub-agents are one node each), so one place of a schema meets the same node once per object; what
 * lies below it was checked the first time. Only a finding of no problems is kept, so every problem is reported as
 * the keyword's own validator words it, at its own path. Sound for the draft-4 schemas compiled here: whether a node
 * satisfies these keywords depends on the node and the schema alone (no annotations are collected without
 * {@code unevaluatedProperties}, which draft 4 lacks), and a frozen tree's nodes never change while it is validated.
 * What is remembered holds for one round ({@link #newRound}): the shipped schemas serve every validator of the JVM,
 * and the next tree, or a caller that changed a node between two validations, starts again.
 */
final class RememberingKeyword implements Keyword {
  private static final AtomicInteger ROUND = new AtomicInteger();
  private final ValidatorTypeCode keyword;

  /**
   * The validators that have remembered a node: at most one per place of the shipped schemas, which live as long as
   * the JVM's schema cache does.
   */
  private static final Set<Remembering> REMEMBERING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Forgets every node found valid so far, in every schema: called as a validation of a tree starts. */
  static void newRound() {
    ROUND.incrementAndGet();
  }

  /**
   * Forgets every node found valid so far and lets go of them: called as a validation of a tree ends, so that the
   * schemas, which outlive it, keep none of its nodes (each holds its whole tree's texts through its factory) for a
   * caller that generates again and again in one JVM.
   */
  static void endRound() {
    ROUND.incrementAndGet();
    for (Remembering r : REMEMBERING) {
      r.valid = null;
    }
  }

  RememberingKeyword(ValidatorTypeCode keyword) {
    this.keyword = keyword;
  }

  @Override
  public String getValue() {
    return keyword.getValue();
  }

  @Override
  public JsonValidator newValidator(SchemaLocation location, JsonNodePath path, JsonNode schema, JsonSchema parent,
      ValidationContext context) throws JsonSchemaException, Exception {
    return new Remembering(keyword.newValidator(location, path, schema, parent, context));
  }

  /** The keyword's own validator, and the nodes it last found valid. */
  static final class Remembering implements JsonValidator {
    /** Slots by identity hash: the parts one place of a schema meets repeatedly are a handful. */
    private static final int SLOTS = 16;
    private final JsonValidator validator;
    /**
     * Made at the first valid container (most places of a schema never see one). Threads share it without locks: a
     * slot holds an immutable entry or null, a stale read only costs checking the node again, and a node held here is
     * not collected before {@link #endRound} drops the array, so no other node takes its identity.
     */
    private Valid[] valid;

    /** A node found valid, and in which round. */
    private record Valid(JsonNode node, int round) {}

    Remembering(JsonValidator validator) {
      this.validator = validator;
    }

    @Override
    public Set<ValidationMessage> validate(ExecutionContext context, JsonNode node, JsonNode root,
        JsonNodePath at) {
      if (!node.isContainerNode()) {
        return validator.validate(context, node, root, at);
      }
      int round = ROUND.get();
      int slot = System.identityHashCode(node) & (SLOTS - 1);
      Valid[] known = valid;
      if (known != null) {
        Valid v = known[slot];
        if (v != null && v.node() == node && v.round() == round) {
          return Set.of();
        }
      }
      Set<ValidationMessage> problems = validator.validate(context, node, root, at);
      if (problems.isEmpty()) {
        if (known == null) {
          known = new Valid[SLOTS];
          valid = known;
          REMEMBERING.add(this);
        }
        known[slot] = new Valid(node, round);
      }
      return problems;
    }

    @Override
    public Set<ValidationMessage> walk(ExecutionContext context, JsonNode node, JsonNode root, JsonNodePath at,
        boolean validate) {
      return validator.walk(context, node, root, at, validate);
    }

    @Override
    public void preloadJsonSchema() throws JsonSchemaException {
      validator.preloadJsonSchema();
    }

    @Override
    public SchemaLocation getSchemaLocation() {
      return validator.getSchemaLocation();
    }

    @Override
    public JsonNodePath getEvaluationPath() {
      return validator.getEvaluationPath();
    }

    @Override
    public String getKeyword() {
      return validator.getKeyword();
    }
  }
}
