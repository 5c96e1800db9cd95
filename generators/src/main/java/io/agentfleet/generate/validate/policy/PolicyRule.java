package io.agentfleet.generate.validate.policy;

import io.agentfleet.generate.inspect.Manifest;
import io.agentfleet.generate.inspect.TreeIndex;
import java.util.List;

/** One reviewer check: given a document and the whole tree, adds messages ({@code field.path: what is wrong}). */
public interface PolicyRule {
  void check(Manifest m, TreeIndex tree, List<String> out);
}
