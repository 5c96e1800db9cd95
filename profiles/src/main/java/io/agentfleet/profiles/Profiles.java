package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.Names;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The named profiles a user chooses with {@code agentfleet.profile}; production unless said otherwise. */
public final class Profiles {
  /** The profile used when none is named. */
  public static final String DEFAULT = "production";

  private static final Map<String, Supplier<Profile>> KNOWN = new TreeMap<>(Map.of(
      "production", ProductionProfile::new,
      "dev", DevProfile::new));

  private Profiles() {}

  /** The profile of that name; an unknown name fails with the list of known ones. */
  public static Profile named(String name) {
    Supplier<Profile> profile = KNOWN.get(name);
    if (profile == null) {
      String hint = Names.closest(name, KNOWN.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
      throw new IllegalArgumentException(
          "unknown profile '" + name + "' (known: " + String.join(", ", KNOWN.keySet()) + ")" + hint);
    }
    return profile.get();
  }

  /** The known profile names, sorted. */
  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }
}
