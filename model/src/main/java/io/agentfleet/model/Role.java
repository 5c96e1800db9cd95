package io.agentfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a specialised sub-agent is for: any DNS-label-like name ({@code triage-expert}); it becomes the pod's role
 * label and the agent's {@code AGENT_ROLE}. The six presets ({@link #SENIOR_DEVELOPER} …) carry a title written the
 * way people write it; any other role is as welcome and takes its title from its words ({@code Triage Expert}).
 * Like {@link Quantity}, a malformed role is kept as written and reported by the resolver with every other problem.
 */
public final class Role implements Comparable<Role> {
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  /** A role is a label value and an environment value: at most 63 characters. */
  static final int MAX_LENGTH = 63;
  private static final Map<String, Role> PRESETS = new LinkedHashMap<>();

  public static final Role SENIOR_DEVELOPER = preset("senior-developer", "Senior Developer");
  public static final Role UI_DEVELOPER = preset("ui-developer", "UI Developer");
  public static final Role UX_EXPERT = preset("ux-expert", "UX Expert");
  public static final Role TEST_EXPERT = preset("test-expert", "Test Expert");
  public static final Role ARCHITECTURE_EXPERT = preset("architecture-expert", "Architecture Expert");
  public static final Role DEVOPS_EXPERT = preset("devops-expert", "DevOps Expert");

  private final String name;
  private final String title;
  private final boolean preset;

  private Role(String name, String title, boolean preset) {
    this.name = name;
    this.title = title;
    this.preset = preset;
  }

  private static Role preset(String name, String title) {
    Role role = new Role(name, title, true);
    PRESETS.put(name, role);
    return role;
  }

  /**
   * The role named {@code text}: a preset when it names one (also as {@code SENIOR_DEVELOPER} or in other case),
   * otherwise a role of the user's own.
   */
  @JsonCreator
  public static Role of(String text) {
    String t = text == null ? "" : text.trim();
    Role known = PRESETS.get(t.toLowerCase(Locale.ROOT).replace('_', '-'));
    return known != null ? known : new Role(t, titleOf(t), false);
  }

  /** Same as {@link #of}: kept for readers that parse every value type with {@code parse}. */
  public static Role parse(String text) {
    return of(text);
  }

  /** The presets, in the order of the example's table. */
  public static List<Role> presets() {
    return List.copyOf(PRESETS.values());
  }

  /** The role as written in {@code fleet.yaml}: {@code senior-developer}. */
  public String name() {
    return name;
  }

  /** The role as people write it in a table: {@code Senior Developer} for a preset, {@code Triage Expert} otherwise. */
  public String title() {
    return title;
  }

  /** True for the six roles agentfleet knows by name. */
  public boolean isPreset() {
    return preset;
  }

  /** Why the name cannot be a role (it must fit a label value and an environment value), if it cannot. */
  public Optional<String> error() {
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (!NAME.matcher(name).matches() || name.length() > MAX_LENGTH) {
      return Optional.of("'" + name + "' is not a role name (at most " + MAX_LENGTH + " lower-case letters, digits and "
          + "'-', starting and ending with a letter or digit; presets: "
          + PRESETS.keySet().stream().collect(Collectors.joining(", ")) + ")");
    }
    return Optional.empty();
  }

  public boolean isValid() {
    return error().isEmpty();
  }

  private static String titleOf(String name) {
    return Arrays.stream(name.split("-")).filter(w -> !w.isEmpty())
        .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1)).collect(Collectors.joining(" "));
  }

  @JsonValue
  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Role r && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public int compareTo(Role o) {
    return name.compareTo(o.name);
  }
}
