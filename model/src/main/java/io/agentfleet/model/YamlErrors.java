package io.agentfleet.model;

import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML parser's errors in the fleet's words, each at the place of the mistake: where a quote or bracket was
 * opened and never closed, where a tab indents, where a line does not line up. Never the parser's own wording
 * (token names such as {@code <block end>}), which means nothing to someone writing a fleet.
 */
final class YamlErrors {
  private static final String NOT_YAML = "not valid YAML: ";

  private YamlErrors() {}

  static Problem describe(MarkedYAMLException e, String file) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    Mark problemMark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Mark contextMark = e.getContextMark() != null ? e.getContextMark() : problemMark;
    String opened = contextMark == null ? "" : " at line " + (contextMark.getLine() + 1) + ", column "
        + (contextMark.getColumn() + 1);
    Mark where = problemMark;
    String what;
    if (problem.contains("(TAB)") || problem.contains("'\\t'")) {
      what = "a tab indents this line; YAML indents with spaces only";
    } else if (problem.startsWith("found character") && problem.contains("cannot start any token")) {
      String ch = problem.replaceAll("^found character '(.*)' that cannot start any token.*$", "$1");
      what = "'" + ch + "' cannot start a value; write the value in quotes";
    } else if (context.contains("quoted scalar") && problem.contains("end of stream")) {
      where = contextMark;
      what = "the quoted text that starts here is never closed (its closing quote is missing)";
    } else if (context.contains("quoted scalar") && problem.contains("document separator")) {
      where = contextMark;
      what = "the quoted text that starts here is not closed before the next --- line";
    } else if (context.contains("quoted scalar") && problem.contains("escape")) {
      what = "an unknown escape (\\) in double-quoted text; write \\\\ for a backslash or use single quotes";
    } else if (context.contains("quoted scalar")) {
      where = contextMark;
      what = "the quoted text that starts here is not well formed";
    } else if (context.contains("simple key") && problem.contains("':'")) {
      where = contextMark;
      what = "a field without ':' after its name (write field: value)";
    } else if (problem.equals("mapping values are not allowed here")) {
      what = problem;
    } else if (problem.equals("sequence entries are not allowed here")) {
      what = "a list entry ('- ') is not allowed here; check its indentation";
    } else if (problem.equals("mapping keys are not allowed here")) {
      what = "a complex key ('? ') is not allowed here";
    } else if (context.contains("flow mapping")) {
      what = problem.contains("end of stream") || problem.contains("<stream end>")
          ? "the { opened" + opened + " is never closed with }"
          : "expected ',' or '}' here, inside the { opened" + opened;
    } else if (context.contains("flow sequence")) {
      what = problem.contains("end of stream") || problem.contains("<stream end>")
          ? "the [ opened" + opened + " is never closed with ]"
          : "expected ',' or ']' here, inside the [ opened" + opened;
    } else if (context.contains("block mapping")) {
      what = "this line does not line up with the fields of the mapping that starts" + opened
          + "; check its indentation";
    } else if (context.contains("block collection") || context.contains("indentless sequence")) {
      what = "this line does not line up with the entries of the list that starts" + opened
          + "; check its indentation";
    } else if (context.contains("anchor") || context.contains("alias")) {
      what = "'&' and '*' start YAML anchors and aliases, which fleet.yaml does not support; write the value in quotes";
    } else if (context.contains("tag") || problem.contains("tag handle")) {
      what = "YAML tags (!) are not supported in fleet.yaml: write the value plainly, or in quotes for text";
    } else if (context.contains("block scalar")) {
      what = "the header of a block text (| or >) may only hold an indentation digit (1-9) and + or -";
    } else if (context.contains("directive") || problem.contains("directive") || problem.contains("YAML document")) {
      what = "a YAML directive (%) that cannot be read; fleet.yaml needs none";
    } else if (problem.startsWith("expected '<document start>'")) {
      what = "text after the end of the document (after '...' or after a single top-level value);"
          + " fleet.yaml is one mapping of fields";
    } else if (problem.contains("expected the node content") && problem.contains("<stream end>")) {
      what = "the file ends where a value should be";
    } else if (problem.contains("expected the node content") && context.contains("flow")) {
      what = "a value is missing here, inside [ ] or { } (write text that starts with - ? : , [ ] { } in quotes)";
    } else if (problem.contains("expected the node content") && (problem.endsWith("','") || problem.endsWith("']'")
        || problem.endsWith("'}'"))) {
      what = "a ',' ']' or '}' outside brackets; write the value in quotes";
    } else if (problem.startsWith("expected a comment or a line break")) {
      what = "more text after a value (a comment starts with ' #')";
    } else if (problem.contains("expected the node content") || problem.startsWith("expected <block end>")) {
      what = "a value is missing or out of place here; check the indentation";
    } else if (problem.contains("end of stream")) {
      what = "the file ends in the middle of a value";
    } else {
      what = "not readable here; check the indentation, quotes and brackets around this place";
    }
    Optional<Location> at = where == null ? Optional.empty()
        : Optional.of(new Location(file, where.getLine() + 1, where.getColumn() + 1));
    return new Problem("", NOT_YAML + what, at);
  }
}
