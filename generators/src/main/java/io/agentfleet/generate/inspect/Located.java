package io.agentfleet.generate.inspect;

/**
 * A part of an object that spells the paths of the fields below it ({@link PodTemplate}, {@link ContainerRef}). A
 * check passes it around instead of a path: the path is spelt only for a message, which almost no field gets.
 */
public interface Located {
  /** The path of a field below this part: {@code spec.template.spec.securityContext.runAsNonRoot}. */
  String at(String... keys);
}
