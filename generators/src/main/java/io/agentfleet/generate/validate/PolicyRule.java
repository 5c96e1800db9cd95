package io.agentfleet.generate.validate;

import java.util.List;

/** One reviewer check: given a document and the whole tree, adds messages ({@code field.path: what is wrong}). */
interface PolicyRule {
  void check(Manifest m, TreeIndex tree, List<String> out);
}
