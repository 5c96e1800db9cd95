package io.agentfleet.generate.validate;

import java.nio.file.Path;
import java.util.List;

/** The standard validators: strict JSON schemas as kubeconform checks them, then the reviewer's policy checks. */
public final class Validators {
  private Validators() {}

  /** TODO(validation helper): schema + policy validators. */
  public static List<TreeValidator> standard(String schemaLocation, Path cacheDir) {
    return List.of();
  }
}
