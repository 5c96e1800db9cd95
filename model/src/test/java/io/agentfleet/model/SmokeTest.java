package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void seed_reads() {
    FleetSpec spec = FleetYaml.read(Path.of("../examples/booking-agents/fleet.yaml"));
    System.out.println(spec);
    Fleet f = FleetResolver.resolve(spec);
    System.out.println(f.fullScale() + " " + f.breakdown().describe());
    System.out.println(FleetYaml.write(spec));
    try {
      FleetYaml.read("name: x\nsubAgnts: []\nagents: [{id: a, wrker: {}}]\nsubAgents: [{id: s1, role: senior-dev, replicas: 2..1}]\n", "t");
    } catch (FleetValidationException e) { System.out.println(e.getMessage()); }
    assertThat(f.subAgents()).hasSize(6);
  }
}
