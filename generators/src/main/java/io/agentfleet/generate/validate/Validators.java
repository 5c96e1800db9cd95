package io.agentfleet.generate.validate;

import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.generate.validate.policy.KustomizationSizeValidator;
import io.agentfleet.generate.validate.policy.PolicyValidator;
import io.agentfleet.generate.validate.policy.ReferencesValidator;
import io.agentfleet.generate.validate.policy.SizeLimitsValidator;
import io.agentfleet.generate.validate.schema.SchemaValidator;
import java.nio.file.Path;
import java.util.List;

/**
 * The standard validators: strict JSON schemas as kubeconform checks them, the reviewer's policy checks, the
 * references that must resolve on a real cluster, then the sizes Kubernetes accepts per object and per Argo CD
 * Application or Flux Kustomization.
 */
public final class Validators {
  private Validators() {}

  /**
   * Schema then policy validators. {@code schemaLocation}: null or blank for the schemas agentfleet ships on the
   * classpath (module agentfleet-schemas; also the keyword {@code bundled}); a folder laid out as kubeconform expects
   * ({@code kubernetes/<version>-standalone-strict/} and {@code crds/<group>/}); {@code default} for kubeconform's
   * default Kubernetes URL; or kubeconform templates such as
   * {@code https://host/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json}. Several may be given,
   * comma-separated, tried in order. Downloaded schemas are cached in {@code cacheDir} (default
   * {@code ~/.cache/agentfleet/schemas}) and then used offline.
   */
  public static List<TreeValidator> standard(String schemaLocation, Path cacheDir) {
    return standard(schemaLocation, cacheDir, SchemaValidator.LIBRARY_SETTING);
  }

  /** As {@link #standard(String, Path)}; {@code setting} is how problems name the schema location setting. */
  public static List<TreeValidator> standard(String schemaLocation, Path cacheDir, String setting) {
    return List.of(new SchemaValidator(schemaLocation, cacheDir, setting), new PolicyValidator(), new ReferencesValidator(),
        new SizeLimitsValidator(), new KustomizationSizeValidator());
  }
}
