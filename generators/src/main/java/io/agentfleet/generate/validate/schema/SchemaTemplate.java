package io.agentfleet.generate.validate.schema;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One kubeconform schema location template, a URL or a file path with {@code {{.ResourceKind}}}-style variables. */
public record SchemaTemplate(String template) {
  /** The prefix of templates read from the classpath (the schemas agentfleet ships). */
  static final String CLASSPATH = "classpath:";
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");
  private static final Set<String> VERSION_VARIABLES = Set.of("NormalizedKubernetesVersion", "StrictSuffix");
  private static final ResourceType SAMPLE = new ResourceType("apps/v1", "Deployment");

  public SchemaTemplate {
    render(template, SAMPLE.templateValues("master"));
  }

  /** The location of the schema for one resource type. */
  String render(ResourceType type, String normalizedKubernetesVersion) {
    return render(template, type.templateValues(normalizedKubernetesVersion));
  }

  /** True for http(s) templates, fetched and cached on disk; everything else is a local file or a classpath resource. */
  boolean isRemote() {
    return template.startsWith("http://") || template.startsWith("https://");
  }

  /** True for {@code classpath:} templates, read from the class loader that loaded agentfleet. */
  boolean isClasspath() {
    return template.startsWith(CLASSPATH);
  }

  /**
   * The folder (or URL prefix) that depends only on the Kubernetes version, up to the first per-resource variable:
   * {@code /schemas/kubernetes/v1.34.0-standalone-strict/}. How messages name the source.
   */
  String source(String normalizedKubernetesVersion) {
    Matcher m = VARIABLE.matcher(template);
    int end = template.length();
    while (m.find()) {
      if (!VERSION_VARIABLES.contains(m.group(1))) {
        end = m.start();
        break;
      }
    }
    String fixed = render(template.substring(0, end),
        Map.of("NormalizedKubernetesVersion", normalizedKubernetesVersion, "StrictSuffix", "-strict"));
    int slash = Math.max(fixed.lastIndexOf('/'), fixed.lastIndexOf(java.io.File.separatorChar));
    return slash < 0 ? "." : fixed.substring(0, slash + 1);
  }

  /** The local folder that must exist for this template to be usable at all for this Kubernetes version. */
  Path localRoot(String normalizedKubernetesVersion) {
    return toPath(source(normalizedKubernetesVersion));
  }

  /** A rendered local location as a path; {@code file:} URIs are accepted. */
  static Path toPath(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private static String render(String template, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("unknown variable {{." + m.group(1) + "}} in schema location " + template
            + "; kubeconform knows " + String.join(", ", new java.util.TreeSet<>(values.keySet())));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
