package io.agentfleet.profiles;

import io.agentfleet.generate.spi.Profile;
import io.agentfleet.model.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environments a fleet is generated for, each a {@link Preset}: {@code dev}, {@code staging} and
 * {@code production}; production unless said otherwise.
 */
public final class Profiles {
  /** The profile used when none is named. */
  public static final String DEFAULT = "production";

  /**
   * The presets, in the order environments are listed. Production is the policy as written, spread over nodes and
   * zones. Staging is production at half the maxima with two database instances: it proves the production shape
   * (autoscaling, failover, backups) at a lower bill. Dev fits a laptop cluster: one replica of everything (so no
   * autoscaler objects), one database instance, no object-store backups, half the requests, no spread.
   */
  private static final List<Preset> PRESETS = List.of(
      Preset.named("dev").fixedReplicas(1).databaseInstances(1).physicalBackups(false).requestsDivisor(2)
          .topologySpread(false),
      Preset.named("staging").parent("production").maxReplicasDivisor(2).databaseInstances(2),
      Preset.named("production").topologySpread(true));

  private static final Map<String, Preset> KNOWN = new LinkedHashMap<>();

  static {
    PRESETS.forEach(p -> KNOWN.put(p.name(), p));
  }

  private Profiles() {}

  /** The profile of that name; an unknown name fails with the list of known ones. */
  public static Profile named(String name) {
    return new PresetProfile(preset(name));
  }

  /** The preset of that name with every setting of its parents filled in. */
  public static Preset preset(String name) {
    Preset p = KNOWN.get(name);
    if (p == null) {
      String hint = Names.closest(name, KNOWN.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
      throw new IllegalArgumentException(
          "unknown profile '" + name + "' (known: " + String.join(", ", names()) + ")" + hint);
    }
    return p.parent().map(parent -> p.over(preset(parent))).orElse(p);
  }

  /** The known profile names, in environment order (dev, staging, production). */
  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }
}
