package io.agentfleet.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Git branch, tag or commit as Argo CD, Flux and the generated workflow name it: what {@code git check-ref-format}
 * accepts, narrowed to letters, digits, '.', '_', '-' and '/' because the revision is written unquoted into YAML
 * flow sequences and shell lines of the tree ({@code branches: [main]}), where a backtick, quote, comma or brace
 * would change their meaning.
 */
final class GitRef {
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._/-]+$");

  private GitRef() {}

  /** What is wrong with {@code ref}, or nothing when Git and the tree's files accept it. */
  static Optional<String> problem(String ref) {
    String why = reason(ref);
    return why == null ? Optional.empty()
        : Optional.of("'" + printable(ref) + "' is not a Git branch, tag or commit: " + why + " (example: main)");
  }

  private static String reason(String ref) {
    if (ref.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
      if (c == ' ') {
        return "it contains a space";
      }
      if ("~^:?*[\\".indexOf(c) >= 0) {
        return "Git refuses '" + c + "' in a ref";
      }
    }
    if (ref.contains("@{")) {
      return "Git refuses '@{' in a ref";
    }
    if (ref.equals("@")) {
      return "Git refuses the ref '@'";
    }
    if (ref.contains("..")) {
      return "Git refuses '..' in a ref";
    }
    if (ref.startsWith("-")) {
      return "a ref may not start with '-'";
    }
    if (ref.startsWith("/") || ref.endsWith("/") || ref.contains("//")) {
      return "a ref may not start or end with '/' or hold an empty component";
    }
    if (ref.endsWith(".")) {
      return "a ref may not end with '.'";
    }
    for (String component : ref.split("/")) {
      if (component.startsWith(".")) {
        return "a ref component may not start with '.'";
      }
      if (component.endsWith(".lock")) {
        return "a ref component may not end with '.lock'";
      }
    }
    if (!SAFE.matcher(ref).matches()) {
      return "only letters, digits, '.', '_', '-' and '/' are allowed: the revision is written unquoted into the "
          + "tree's YAML and shell files";
    }
    return null;
  }

  /** The ref with control characters shown as {@code \\uXXXX}, so that the message stays on one line. */
  private static String printable(String ref) {
    StringBuilder sb = new StringBuilder();
    for (char c : ref.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
