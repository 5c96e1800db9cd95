package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's snippets are what the invoker projects run (plugin/src/it/readme-plugin and readme-library), at the
 * version this build makes, so "copy this" stays true.
 */
class ReadmeSnippetsTest {
  private static final Path IT = BookingAgentsTreeTest.root().resolve("plugin/src/it");

  private static String readme() throws IOException {
    return Files.readString(BookingAgentsTreeTest.root().resolve("README.md"));
  }

  private static List<String> blocks(String text, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String version() {
    String v = System.getProperty("agentfleet.version");
    assertThat(v).as("the build passes agentfleet.version").isNotBlank();
    return v;
  }

  @Test
  void pluginSnippet_isTheReadmePluginProjectsPom() throws IOException {
    String pom = Files.readString(IT.resolve("readme-plugin/pom.xml")).replace("@project.version@", version());

    assertThat(blocks(readme(), "xml")).contains(pom);
  }

  @Test
  void librarySnippet_isTheReadmeLibraryProjectsSource_andItsCoordinatesAreThePomsDependency() throws IOException {
    String source = Files.readString(IT.resolve("readme-library/src/main/java/GenerateFleet.java"));
    String pom = Files.readString(IT.resolve("readme-library/pom.xml"));

    assertThat(blocks(readme(), "java")).contains(source);
    assertThat(readme()).contains("`io.agentfleet:agentfleet-profiles:" + version() + "`");
    assertThat(pom).contains("<groupId>io.agentfleet</groupId>\n      <artifactId>agentfleet-profiles</artifactId>\n"
        + "      <version>@project.version@</version>");
  }
}
