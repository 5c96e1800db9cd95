package io.agentfleet.generate.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text kept as a resource beside the generator that fills it (a script, a README section), with one placeholder
 * syntax: {@code {{name}}}, a name of letters and digits starting with a letter. That is the only rule: every other
 * character, {@code $}, {@code %}, {@code \} and single braces included, is written as it stands. Filling is strict:
 * every placeholder of the text must get a value and every value must have a placeholder, or the fill fails naming
 * the template and the placeholder; a <code>{{</code> that opens no placeholder is refused when the template is read.
 * Values are inserted as they are, never read for placeholders again, so the output depends on the text and the
 * values alone. Line ends are read as LF whatever the checkout made of them.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

  private final String name;
  /** Literal text and placeholder names, alternating: text, name, text, …, text. */
  private final List<String> parts;
  private final SortedSet<String> placeholders;

  private Template(String name, String text) {
    this.name = name;
    List<String> p = new ArrayList<>();
    SortedSet<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      p.add(literal(text.substring(at, m.start()), at, text));
      p.add(m.group(1));
      names.add(m.group(1));
      at = m.end();
    }
    p.add(literal(text.substring(at), at, text));
    this.parts = List.copyOf(p);
    this.placeholders = java.util.Collections.unmodifiableSortedSet(names);
  }

  /** The template {@code file} in the resource folder of {@code owner}'s package. */
  public static Template of(Class<?> owner, String file) {
    String path = owner.getPackageName().replace('.', '/') + "/" + file;
    try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("template " + path + " is not on the class path");
      }
      return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("template " + path + " cannot be read", e);
    }
  }

  /** A template from text; {@code name} is how errors name it. */
  public static Template parse(String name, String text) {
    return new Template(name, text.replace("\r\n", "\n"));
  }

  /** Where the template was read from (its resource path), as errors name it. */
  public String name() {
    return name;
  }

  /** The names of its placeholders, sorted. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /** A fill of this template: give every placeholder its value with {@link Fill#with}, then {@link Fill#text}. */
  public Fill with(String placeholder, Object value) {
    return new Fill().with(placeholder, value);
  }

  /** The text of a template without placeholders. */
  public String text() {
    return fill(Map.of());
  }

  /** The text with every placeholder replaced by its value. */
  public String fill(Map<String, String> values) {
    SortedSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(placeholders);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("template " + name + " has no placeholder " + braces(unknown)
          + " (its placeholders: " + (placeholders.isEmpty() ? "none" : braces(placeholders)) + ")");
    }
    SortedSet<String> unfilled = new TreeSet<>(placeholders);
    values.forEach((k, v) -> {
      if (v != null) {
        unfilled.remove(k);
      }
    });
    if (!unfilled.isEmpty()) {
      throw new IllegalArgumentException("template " + name + ": placeholder " + braces(unfilled)
          + " left unfilled");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      out.append(i % 2 == 0 ? parts.get(i) : values.get(parts.get(i)));
    }
    return out.toString();
  }

  private String literal(String piece, int offset, String text) {
    int open = piece.indexOf("{{");
    if (open >= 0) {
      int at = offset + open;
      int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
      String rest = text.substring(at, Math.min(text.length(), text.indexOf('\n', at) < 0 ? text.length()
          : text.indexOf('\n', at)));
      throw new IllegalArgumentException("template " + name + " line " + line + ": '" + rest
          + "' is not a placeholder ({{name}}, a name of letters and digits starting with a letter)");
    }
    return piece;
  }

  private static String braces(Set<String> names) {
    return String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList());
  }

  /** Values given so far for one fill of the template, in the order given. */
  public final class Fill {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Fill() {}

    /** The value of one placeholder; giving one twice is an error. */
    public Fill with(String placeholder, Object value) {
      String text = String.valueOf(Objects.requireNonNull(value, () -> "template " + name + ": placeholder {{"
          + placeholder + "}} given null"));
      if (values.putIfAbsent(placeholder, text) != null) {
        throw new IllegalArgumentException("template " + name + ": placeholder {{" + placeholder + "}} given twice");
      }
      return this;
    }

    /** The filled text; fails unless every placeholder has exactly one value and every value a placeholder. */
    public String text() {
      return fill(values);
    }
  }
}
