package io.agentfleet.benchmarks;

import io.agentfleet.examples.ScaleFleet;
import io.agentfleet.generate.FleetGenerator;
import io.agentfleet.generate.GenerationResult;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.Parallel;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetYaml;
import io.agentfleet.profiles.Profiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In one warm JVM: the library's generation of a fleet of N sub-agents (the booking-agents example grown,
 * {@link ScaleFleet}), against rendering the same objects to the same YAML alone. {@link #generateAndValidate} is
 * {@link FleetGenerator#generate}: resolve, generate, decorate, wire, validate, and render the text too (it renders
 * once validation passed), on the generation's own threads (one per processor, up to 4). {@link #renderAlone} turns
 * the tree's objects into the tree's YAML text file by file on one thread ({@link YamlRenderer#render}: each object
 * into its JSON tree, then the text with its source notes); {@link #renderAloneOnEveryCore} does the same on as many
 * threads as the generation uses. Nothing is written to disk. {@code bench/jmh.sh} runs them and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The throughput collector, for steady figures (with G1 a 1 000-sub-agent run varied by a quarter between
// iterations); a dozen warm-up iterations, as the JIT is still compiling the generation's many paths after six.
@Fork(value = 2, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 6, time = 2)
public class GenerateVsRender {
  /** Sub-agents in the fleet. */
  @Param({"100", "1000"})
  public int subAgents;

  private FleetGenerator generator;
  private FleetEnvironment environment;
  /** The YAML files of the tree by path, each a list of its documents. */
  private SortedMap<String, List<Document>> files;
  /** Each document's object, made once here (a generated tree keeps its objects as JSON trees). */
  private Map<Document, HasMetadata> objects;
  private Parallel parallel;

  @Setup(Level.Trial)
  public void setUp() {
    environment = FleetEnvironment.of("production", FleetYaml.read(ScaleFleet.yaml(subAgents), "ScaleFleet"));
    generator = FleetGenerator.builder().profile(Profiles.named("production")).build();
    GenerationResult generated = generator.generate(environment);
    files = new TreeMap<>();
    objects = new IdentityHashMap<>();
    for (ManifestFile f : generated.manifests().files().values()) {
      if (f.isYaml()) {
        files.put(f.path(), f.documents());
        f.documents().forEach(d -> objects.put(d, d.resource()));
      }
    }
    parallel = Parallel.ofCores();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    parallel.close();
  }

  @Benchmark
  public GenerationResult generateAndValidate() {
    return generator.generate(environment);
  }

  @Benchmark
  public long renderAlone() {
    long chars = 0;
    for (List<Document> file : files.values()) {
      chars += render(file).length();
    }
    return chars;
  }

  @Benchmark
  public long renderAloneOnEveryCore() {
    List<Callable<Integer>> tasks = new ArrayList<>(files.size());
    for (List<Document> file : files.values()) {
      tasks.add(() -> render(file).length());
    }
    long chars = 0;
    for (int n : parallel.all(tasks)) {
      chars += n;
    }
    return chars;
  }

  /** One file's text from its documents' objects, as the tree holds it. */
  String render(List<Document> file) {
    return YamlRenderer.render(file, d -> YamlRenderer.toTree(objects.get(d)));
  }

  /** The tree's YAML files by path (for the test that holds the benchmark to the tree's own text). */
  SortedMap<String, List<Document>> files() {
    return files;
  }
}
