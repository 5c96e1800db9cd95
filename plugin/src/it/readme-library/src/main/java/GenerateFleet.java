import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.TreeReport;
import io.agentfleet.generate.TreeWriter;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import java.nio.file.Path;

public class GenerateFleet {
  public static void main(String[] args) {
    GenerationResult result = FleetGenerator.builder()
        .profile(Profiles.named("production"))
        .build()
        .generate(FleetYaml.read(Path.of("fleet.yaml")));
    TreeReport report = TreeWriter.write(Path.of("generated/production"), result.tree());
    report.lines().forEach(System.out::println);
  }
}
