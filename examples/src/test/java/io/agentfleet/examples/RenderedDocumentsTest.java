package io.agentfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfleet.generate.spi.RenderedTree;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Validators read the JSON trees a tree was rendered from instead of parsing its text back: that is sound only while
 * the text reads back as exactly those trees. Checked over every manifest of the example fleet in each environment.
 */
class RenderedDocumentsTest {
  /** Numbers by value: the text does not say whether 1000 was an int or a long in the object it came from. */
  private static final Comparator<JsonNode> SAME = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  @Test
  void documents_ofARenderedTree_areWhatItsTextReadsBackAs() {
    int documents = 0;
    for (String env : BookingAgentsTreeTest.environmentNames()) {
      RenderedTree tree = BookingAgentsTreeTest.generate(env).tree();
      SortedMap<String, List<JsonNode>> fromObjects = tree.documents();
      SortedMap<String, List<JsonNode>> fromText = new RenderedTree(tree.files()).documents();
      assertThat(fromObjects.keySet()).isEqualTo(fromText.keySet());
      for (Map.Entry<String, List<JsonNode>> file : fromText.entrySet()) {
        List<JsonNode> objects = fromObjects.get(file.getKey());
        assertThat(objects).as(env + " " + file.getKey()).hasSameSizeAs(file.getValue());
        for (int i = 0; i < objects.size(); i++) {
          assertThat(objects.get(i).equals(SAME, file.getValue().get(i)))
              .as("%s %s document %d:%n%s%nreads back as%n%s", env, file.getKey(), i, objects.get(i),
                  file.getValue().get(i))
              .isTrue();
          documents++;
        }
        assertThat(tree.parseProblem(file.getKey())).isEmpty();
      }
    }
    assertThat(documents).isGreaterThan(300);
  }
}
