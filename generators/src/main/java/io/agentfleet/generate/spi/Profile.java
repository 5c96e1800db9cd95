package io.agentfleet.generate.spi;

import io.agentfleet.model.FleetSpec;
import java.util.List;

/**
 * A named preset: fills values the user left unset (explicit values always win) and lists the decorators run over
 * the generated resources, in order. Implementations live in the profiles module.
 */
public interface Profile {
  /** The name, also the folder under {@code generated/} the example's tree is written to. */
  String name();

  /** The spec with this profile's presets under the user's own values. */
  FleetSpec apply(FleetSpec spec);

  /** Decorators, run in this order over every generated resource. */
  List<Decorator> decorators();

  /** Labels the profile puts on every object of the tree (an environment's name); none by default. */
  default java.util.Map<String, String> labels() {
    return java.util.Map.of();
  }

  /** What the profile sets, in a few words, for the tree's README; empty when it sets nothing. */
  default String describe() {
    return "";
  }

  /** A profile that changes nothing. */
  static Profile none() {
    return new Profile() {
      @Override
      public String name() {
        return "default";
      }

      @Override
      public FleetSpec apply(FleetSpec spec) {
        return spec;
      }

      @Override
      public List<Decorator> decorators() {
        return List.of();
      }
    };
  }
}
