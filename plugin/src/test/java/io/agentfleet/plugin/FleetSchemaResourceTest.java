package io.agentfleet.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FleetSchemaResourceTest {

  @Test
  void pluginJar_whenBuilt_shipsTheFleetJsonSchema() throws IOException {
    try (InputStream in = FleetSchemaResourceTest.class.getResourceAsStream("/agentfleet/fleet.schema.json")) {
      assertThat(in).as("agentfleet/fleet.schema.json on the plugin's classpath").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\"", "\"subAgents\"");
    }
  }
}
