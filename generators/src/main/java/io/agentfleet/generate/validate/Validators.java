package io.agentfleet.generate.validate;

import java.nio.file.Path;
import java.util.List;

/**
 * The standard validators: strict JSON schemas as kubeconform checks them, the reviewer's policy checks, then the
 * references that must resolve on a real cluster.
 */
public final class Validators {
  private Validators() {}

  /**
   * Schema then policy validators. {@code schemaLocation}: null or blank for kubeconform's public schema URLs
   * (downloaded once into {@code cacheDir}, default {@code ~/.cache/agentfleet/schemas}, then used offline); a folder
   * laid out like {@code ../shared/schemas} ({@code kubernetes/} and {@code crds/}); or comma-separated kubeconform
   * templates such as {@code https://host/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json}.
   */
  public static List<TreeValidator> standard(String schemaLocation, Path cacheDir) {
    return List.of(new SchemaValidator(schemaLocation, cacheDir), new PolicyValidator(), new ReferencesValidator());
  }
}
