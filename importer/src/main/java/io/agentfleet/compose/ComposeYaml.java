package io.agentfleet.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads Compose YAML as Docker Compose does: anchors, aliases and merge keys ({@code <<: *defaults}) resolved, only
 * {@code true}/{@code false} as booleans (YAML 1.2, so {@code yes} and {@code on} stay text), dates as text, duplicate
 * keys refused. Errors name the line and column.
 */
final class ComposeYaml {
  private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  /** YAML 1.2 decimal integers only: {@code 80:80} stays text (YAML 1.1 read it as a base-60 number). */
  private static final Pattern INTEGER = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
  private static final Pattern DECIMAL =
      Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$");

  private ComposeYaml() {}

  static JsonNode read(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(200);
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new org.yaml.snakeyaml.DumperOptions()),
        new org.yaml.snakeyaml.DumperOptions(), options, new ComposeResolver());
    Object data;
    try {
      data = yaml.load(text);
    } catch (MarkedYAMLException e) {
      // At the end of the file the problem's own place says little; where the unclosed construct began says more.
      boolean atEnd = String.valueOf(e.getProblem()).contains("<stream end>") && e.getContextMark() != null;
      var mark = atEnd ? e.getContextMark() : e.getProblemMark();
      throw new ComposeImportException(source + " cannot be imported", List.of(source + ": not valid YAML"
          + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")")
          + ": " + (atEnd ? e.getContext() + ": " : "") + e.getProblem()));
    } catch (YAMLException e) {
      throw new ComposeImportException(source + " cannot be imported", List.of(source + ": not valid YAML: "
          + e.getMessage()));
    }
    if (!(data instanceof java.util.Map<?, ?>)) {
      throw new ComposeImportException(source + " cannot be imported", List.of(source
          + ": must be a Compose mapping with services:, not " + (data == null ? "an empty file"
              : data instanceof List<?> ? "a list" : "a single value (" + data.getClass().getSimpleName()
                  .toLowerCase(Locale.ROOT) + ")")));
    }
    return new ObjectMapper().valueToTree(data);
  }

  /** YAML 1.2 booleans, integers and decimals; no timestamps; everything else as SnakeYAML resolves it. */
  private static final class ComposeResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
      addImplicitResolver(Tag.INT, INTEGER, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, DECIMAL, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
