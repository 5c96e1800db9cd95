package io.agentfleet.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a mutant of a valid fleet file from a seed: the same seed always gives the same bytes. Each mutant applies
 * one to three of the mistakes people make in YAML by hand: a field dropped or written twice, a value of the wrong
 * kind (text, number, list, mapping, a YAML 1.1 word), a number perturbed, a tab, control or unusual character
 * inserted, indentation shifted, the file cut at a byte, YAML features fleet.yaml refuses (anchors, tags, a second
 * document).
 */
public final class FleetMutator {
  private static final Pattern VALUE = Pattern.compile("(?<=: )[^,{}\\[\\]\\n#]+|(?<=- )[^,{}\\[\\]\\n#:]+");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final String[] VALUES = {"[]", "[a, b]", "{}", "{ x: 1 }", "text", "\"quoted\"", "'single'", "42",
      "~", "null", "yes", "no", "on", "off", "y", "012", "0x1F", "0o17", "1.30", "1e3", ".inf", ".nan", "-1", "0",
      "99999999999", "-99999999999999999999", "1:30", "2024-01-01", "&a x", "*a", "!!int 3", "!!str 3", "\"\\u00e9\"",
      "true", "False", "1_000", "|\n  block", ">-\n  folded", "\"unclosed", "[unclosed", "{ a: 1", "@x", "`x`",
      "%", "? k", "<<: { a: 1 }", "- item", "1..", "..2", "5..1", "0..0", "100%", "101%", "-5%", "1h99m", "0s",
      "999999999999999999999d", "1Ei", "-2Gi", "0.0001m", "äöü", "\u202e", "\uD83D\uDE00", "\"\\q\""};
  private static final String[] NUMBERS = {"0", "-1", "99999999999", "2147483648", "-2147483649", "1.5", "0.000001",
      "1e9", "1E-3", "007", "1e400", "-0", "+3", ".5", "3.", "18446744073709551616"};
  private static final String[] INSERTS = {"\t", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u00a0", "\u2028",
      "\ufeff", "\ufffe", "\r", "\r\n", "#", ": ", "- ", "&", "*", "!", "|", ">", "'", "\"", "{", "}", "[", "]", ",",
      "%", "@", "`", "\\", "---\n", "...\n", "\u00e9", "\uD800"};

  private FleetMutator() {}

  /** The mutant of {@code base} for {@code seed}, as the bytes of a file. */
  public static byte[] mutate(String base, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String text = base;
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      text = once(text, random);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(12) == 0 && bytes.length > 0) {
      bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // cut at a byte, maybe inside a character
    }
    if (random.nextInt(40) == 0 && bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // a byte that is not UTF-8 here
    }
    return bytes;
  }

  private static String once(String text, SplittableRandom random) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int at = random.nextInt(lines.size());
    switch (random.nextInt(11)) {
      case 0 -> lines.remove(at); // a field dropped
      case 1 -> lines.add(at, lines.get(at)); // a key written twice
      case 2, 3 -> {
        return replaceOne(text, VALUE, VALUES[random.nextInt(VALUES.length)], random); // a value retyped
      }
      case 4 -> {
        return replaceOne(text, NUMBER, NUMBERS[random.nextInt(NUMBERS.length)], random); // a number perturbed
      }
      case 5 -> {
        int pos = random.nextInt(text.length() + 1);
        return text.substring(0, pos) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(pos);
      }
      case 6 -> { // indentation shifted, or a tab for the indentation
        String line = lines.get(at);
        int indent = line.length() - line.stripLeading().length();
        String shifted = switch (random.nextInt(4)) {
          case 0 -> " " + line;
          case 1 -> indent > 0 ? line.substring(1) : "  " + line;
          case 2 -> "\t" + line.stripLeading();
          default -> line.stripLeading();
        };
        lines.set(at, shifted);
      }
      case 7 -> lines.add(at, lines.get(random.nextInt(lines.size()))); // a line moved into another place
      case 8 -> { // YAML features fleet.yaml refuses, or a second document
        String[] yaml = {"---", "--- !!map", "x: &anchor 1", "<<: *anchor", "%YAML 1.1", "!!map", "? complex", "...",
            "--- \nname: second"};
        lines.add(at, yaml[random.nextInt(yaml.length)]);
      }
      case 9 -> { // a nested value where a scalar was, or very deep nesting
        int depth = random.nextInt(4) == 0 ? 40 + random.nextInt(80) : 1 + random.nextInt(4);
        return replaceOne(text, VALUE, "[".repeat(depth) + "1" + "]".repeat(depth), random);
      }
      default -> { // a line cut short
        String line = lines.get(at);
        lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
      }
    }
    return String.join("\n", lines);
  }

  private static String replaceOne(String text, Pattern pattern, String replacement, SplittableRandom random) {
    Matcher m = pattern.matcher(text);
    List<int[]> found = new ArrayList<>();
    while (m.find()) {
      found.add(new int[] {m.start(), m.end()});
    }
    if (found.isEmpty()) {
      return text;
    }
    int[] pick = found.get(random.nextInt(found.size()));
    return text.substring(0, pick[0]) + replacement + text.substring(pick[1]);
  }
}
