package io.agentfleet.generate;

import io.agentfleet.generate.agents.AgentGenerator;
import io.agentfleet.generate.cicd.CiCdGenerator;
import io.agentfleet.generate.cicd.KustomizationGenerator;
import io.agentfleet.generate.core.CoreGenerator;
import io.agentfleet.generate.database.DatabaseGenerator;
import io.agentfleet.generate.docs.DocsGenerator;
import io.agentfleet.generate.migration.MigrationGenerator;
import io.agentfleet.generate.monitoring.MonitoringGenerator;
import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Decorator;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.generate.subagents.SubAgentGenerator;
import io.agentfleet.generate.validate.Validators;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The library's entry point: fleet spec → profile → resolved fleet → platform plan → folder generators → decorators →
 * tree generators (which see the decorated folders) → rendered, validated tree, all in memory. Build tools call this and hand the result to {@link TreeWriter}.
 *
 * <pre>{@code
 * GenerationResult result = FleetGenerator.builder().build().generate(FleetYaml.read(Path.of("fleet.yaml")));
 * TreeWriter.write(Path.of("generated/production"), result.tree());
 * }</pre>
 */
public final class FleetGenerator {
  private final Profile profile;
  private final List<Generator> generators;
  private final List<TreeValidator> validators;

  private FleetGenerator(Builder b) {
    this.profile = b.profile;
    this.generators = List.copyOf(b.generators);
    this.validators = b.validators != null ? List.copyOf(b.validators)
        : Validators.standard(b.schemaLocation, b.schemaCache, b.schemaLocationSetting);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The generators of every folder. Folder generators run first; {@link TreeGenerator}s (kustomizations,
   * {@code ci-cd/}, {@code migration/}) run after them, in this order, and see the tree the others made.
   */
  public static List<Generator> standardGenerators() {
    return List.of(new CoreGenerator(), new AgentGenerator(), new SubAgentGenerator(), new DatabaseGenerator(),
        new MonitoringGenerator(), new KustomizationGenerator(), new CiCdGenerator(), new MigrationGenerator(),
        new DocsGenerator());
  }

  /**
   * Generates and validates the tree. Throws {@link FleetValidationException} listing every problem of the spec,
   * or, when the spec is valid, a {@link TreeValidationException} with every problem of the generated tree.
   */
  public GenerationResult generate(FleetSpec spec) {
    Fleet fleet = FleetResolver.resolve(profile.apply(spec));
    PlatformPlan plan = PlatformPlan.of(fleet);
    ManifestTree tree = new ManifestTree();
    for (Generator g : generators) {
      if (!(g instanceof TreeGenerator)) {
        addOwnFiles(tree, g, g.generate(fleet, plan));
      }
    }
    for (Decorator d : profile.decorators()) {
      tree = tree.map((HasMetadata r) -> d.apply(r, fleet));
    }
    // Second pass, over the decorated objects: generators that derive their files from the whole tree
    // (kustomizations, ci-cd/, migration/, the README) see exactly what is written.
    for (Generator g : generators) {
      if (g instanceof TreeGenerator t) {
        addOwnFiles(tree, g, t.generate(fleet, plan, tree, profile.name()));
      }
    }
    RenderedTree rendered = RenderedTree.of(tree);
    List<Problem> problems = new ArrayList<>();
    for (TreeValidator v : validators) {
      problems.addAll(v.validate(rendered, fleet, plan));
    }
    if (!problems.isEmpty()) {
      throw new TreeValidationException(
          "The generated tree for '" + fleet.name() + "' fails validation; nothing was written", problems);
    }
    return new GenerationResult(fleet, tree, rendered);
  }

  private static void addOwnFiles(ManifestTree tree, Generator g, List<ManifestFile> files) {
    for (ManifestFile f : files) {
      if (!f.path().startsWith(g.folder() + "/") && !g.folder().isEmpty()) {
        throw new IllegalStateException(g.getClass().getSimpleName() + " wrote outside " + g.folder() + ": " + f.path());
      }
      tree.add(f);
    }
  }

  /** Options of a generator; all have defaults. */
  public static final class Builder {
    private Profile profile = Profile.none();
    private List<Generator> generators = standardGenerators();
    private List<TreeValidator> validators;
    private String schemaLocation;
    private java.nio.file.Path schemaCache;
    private String schemaLocationSetting = io.agentfleet.generate.validate.schema.SchemaValidator.LIBRARY_SETTING;

    /** The profile whose presets and decorators apply; none by default. */
    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** Replaces the standard generators (tests and embedders that want one folder only). */
    public Builder generators(List<Generator> generators) {
      this.generators = List.copyOf(generators);
      return this;
    }

    /** Replaces the standard validators. */
    public Builder validators(List<TreeValidator> validators) {
      this.validators = List.copyOf(validators);
      return this;
    }

    /**
     * Where JSON schemas are read from; null (the default) means the schemas agentfleet ships on the classpath, which
     * cover every kind it emits for Kubernetes 1.34. Otherwise a local folder laid out as kubeconform expects, or
     * kubeconform URL templates. See {@link Validators#standard}.
     */
    public Builder schemaLocation(String location) {
      this.schemaLocation = location;
      return this;
    }

    /**
     * How problems name the setting that supplies schemas; {@code FleetGenerator.builder().schemaLocation(...)} by
     * default. Build-tool adapters pass their own parameter's name (the Maven plugin: {@code agentfleet.schemaLocation}).
     */
    public Builder schemaLocationSetting(String name) {
      this.schemaLocationSetting = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Where downloaded schemas are cached; {@code ~/.cache/agentfleet/schemas} by default. */
    public Builder schemaCache(java.nio.file.Path dir) {
      this.schemaCache = dir;
      return this;
    }

    public FleetGenerator build() {
      return new FleetGenerator(this);
    }
  }
}
