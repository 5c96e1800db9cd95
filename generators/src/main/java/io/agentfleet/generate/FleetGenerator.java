package io.agentfleet.generate;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.generate.spi.ManifestTree;
import io.agentfleet.generate.spi.Parallel;
import io.agentfleet.generate.spi.Profile;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.spi.TreeGenerator;
import io.agentfleet.generate.spi.TreeValidator;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.generate.subagents.SubAgentGenerator;
import io.agentfleet.generate.validate.Validators;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.FleetEnvironment;
import io.agentfleet.model.FleetResolver;
import io.agentfleet.model.FleetSpec;
import io.agentfleet.model.FleetValidationException;
import io.agentfleet.model.Problem;
import io.agentfleet.model.Sources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

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
  private final PhaseListener phases;
  /** Threads a generation uses, the caller's included; 0 for one per core (up to 4). */
  private final int threads;
  /** Asked at each step whether the caller wants the generation to stop; null: it never does. */
  private final java.util.function.BooleanSupplier stop;
  /** Whether {@link #write} may skip by fingerprint: the standard validators on the shipped schemas. */
  private final boolean fingerprintable;
  /** The agentfleet build's identity, computed on first use (tests set it to stand for another build). */
  private String buildIdentity;
  /** Fingerprints of the environments this generator was asked about, computed once each. */
  private final Map<FleetEnvironment, java.util.concurrent.FutureTask<String>> fingerprints =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private FleetGenerator(Builder b) {
    this.profile = b.profile;
    this.phases = b.phases;
    this.stop = b.stop;
    this.threads = b.threads;
    this.buildIdentity = b.buildIdentity;
    this.fingerprintable = b.validators == null
        && (b.schemaLocation == null || b.schemaLocation.isBlank() || b.schemaLocation.trim().equals("bundled"));
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
    return generate(FleetEnvironment.of(profile.name(), spec), true);
  }

  /**
   * Generates one environment of a fleet file: the profile's presets adjust the shared description, then the
   * environment's own values ({@code environments.<env>} in fleet.yaml) are put back over them, so they always win.
   */
  public GenerationResult generate(FleetEnvironment environment) {
    return generate(environment, true);
  }

  /**
   * Generates and validates; without {@code keepObjects} the objects are dropped once rendered, so that a large tree
   * is never held as objects, text and parsed documents at once (the result's manifests are then null).
   */
  private GenerationResult generate(FleetEnvironment environment, boolean keepObjects) {
    try (Parallel parallel = parallel()) {
      return generate(environment, keepObjects, parallel);
    }
  }

  /** The threads of one generation: as many as set ({@link Builder#threads}), else one per processor up to 4. */
  private Parallel parallel() {
    return threads > 0 ? new Parallel(threads) : Parallel.ofCores();
  }

  /**
   * The generation itself. Independent pieces run on {@code parallel}'s threads: the folder generators, the
   * decorators over the documents, the rendering of the files, the validators. Each piece's result is taken in a
   * fixed order, so the tree, its problems and their order never depend on the threads; the phase of a piece that
   * ran beside others reports its own time.
   */
  private GenerationResult generate(FleetEnvironment environment, boolean keepObjects, Parallel parallel) {
    Built built = build(environment, keepObjects, parallel);
    List<Problem> problems = problems(built, parallel);
    if (!problems.isEmpty()) {
      throw invalid(built, problems);
    }
    long t = System.nanoTime();
    built.rendered().render(parallel);
    phase("render", t);
    return new GenerationResult(built.fleet(), built.tree(), built.rendered());
  }

  /** A generated tree not yet validated: its objects (null unless kept), and its files, rendered or not. */
  private record Built(Fleet fleet, PlatformPlan plan, ManifestTree tree, RenderedTree rendered) {}

  /** Everything up to validation: the spec resolved, the folders generated, decorated and frozen, the tree wired. */
  private Built build(FleetEnvironment environment, boolean keepObjects, Parallel parallel) {
    long t = System.nanoTime();
    FleetSpec spec = environment.spec();
    FleetSpec applied = environment.pin(profile.apply(spec));
    Fleet fleet = FleetResolver.resolve(applied, () -> environment.sources(Sources.of(spec, applied, profile.name())))
        .withLabels(profile.labels()).withOwnsOperators(environment.ownsOperators());
    PlatformPlan plan = PlatformPlan.of(fleet);
    t = phase("resolve", t);
    ManifestTree tree = folders(fleet, plan, parallel);
    t = System.nanoTime();
    WarmUp warmUp = prepareValidators(tree, fleet.kubernetesVersion());
    // Second pass, over the decorated objects: generators that derive their files from the whole tree
    // (kustomizations, ci-cd/, migration/, the README) see exactly what is written.
    try {
      for (Generator g : generators) {
        if (g instanceof TreeGenerator t2) {
          addOwnFiles(tree, g, t2.generate(fleet, plan, tree, profile));
          t = phase("wire:" + g.getClass().getSimpleName(), t);
        }
      }
    } finally {
      warmUp.finish();
    }
    // The validators read the objects' JSON trees (and the docs' text); each YAML file's text is made from its JSON
    // trees, which are let go as it is.
    RenderedTree rendered = RenderedTree.deferred(tree);
    tree.releaseJson();
    // Read once before the validators share them.
    rendered.documents();
    return new Built(fleet, plan, keepObjects ? tree : null, rendered);
  }

  /** Every problem the validators find in the tree, in the validators' order; the documents are let go after. */
  private List<Problem> problems(Built built, Parallel parallel) {
    List<Problem> problems = new ArrayList<>();
    sideBySide(validators, v -> v.validate(built.rendered(), built.fleet(), built.plan()), "validate:", parallel)
        .forEach(problems::addAll);
    built.rendered().releaseDocuments();
    return problems;
  }

  private static TreeValidationException invalid(Built built, List<Problem> problems) {
    return new TreeValidationException(
        "The generated tree for '" + built.fleet().name() + "' fails validation; nothing was written", problems);
  }

  /**
   * The files of the folder generators, run side by side, each file then decorated by the profile and frozen
   * ({@link ManifestTree#freeze(ManifestFile)}): from here on everything reads the objects' JSON trees. Files are
   * finished in chunks on {@code parallel}'s threads, each as soon as it is read from its generator's list; a
   * generator whose list makes each file when it is read ({@link SubAgentGenerator}) thus never holds a large fleet's
   * objects at once, and they are let go young, before the collector has copied them about. A method of its own, so
   * that nothing of this step stays reachable from the rest of the generation.
   */
  private ManifestTree folders(Fleet fleet, PlatformPlan plan, Parallel parallel) {
    List<Generator> folders = generators.stream().filter(g -> !(g instanceof TreeGenerator)).toList();
    List<List<ManifestFile>> files = sideBySide(folders, g -> g.generate(fleet, plan), "generate:", parallel);
    long t = System.nanoTime();
    int[] first = new int[folders.size() + 1];
    for (int g = 0; g < folders.size(); g++) {
      first[g + 1] = first[g] + files.get(g).size();
    }
    ManifestTree tree = new ManifestTree(first[folders.size()]);
    ManifestFile[] finished = new ManifestFile[first[folders.size()]];
    int chunk = Math.max(16, finished.length / 32);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < finished.length; from += chunk) {
      int start = from;
      int end = Math.min(finished.length, from + chunk);
      tasks.add(() -> {
        int g = 0;
        for (int i = start; i < end; i++) {
          while (i >= first[g + 1]) {
            g++;
          }
          ManifestFile file = files.get(g).get(i - first[g]);
          ownFile(folders.get(g), file);
          finished[i] = tree.freeze(decorated(file, fleet, tree));
        }
        return null;
      });
    }
    parallel.all(tasks);
    for (ManifestFile f : finished) {
      tree.add(f);
    }
    phase("decorate and freeze", t);
    return tree;
  }

  /** The file with each document as the profile's decorators leave it, in their order. */
  private ManifestFile decorated(ManifestFile file, Fleet fleet, ManifestTree tree) {
    if (!file.isYaml() || profile.decorators().isEmpty()) {
      return file;
    }
    List<Document> docs = new ArrayList<>(file.documents().size());
    for (Document doc : file.documents()) {
      for (Decorator d : profile.decorators()) {
        doc = decorate(doc, d, fleet, tree);
      }
      docs.add(doc);
    }
    return new ManifestFile(file.path(), docs, file.text());
  }

  /**
   * {@code work} over each of {@code parts} on {@code parallel}'s threads, the results in the order of the parts; each
   * part's own time is reported as the phase {@code prefix} + its class's simple name, in that order.
   */
  private <P, R> List<R> sideBySide(List<P> parts, java.util.function.Function<P, R> work, String prefix,
      Parallel parallel) {
    long[] took = new long[parts.size()];
    List<Callable<R>> tasks = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      P part = parts.get(i);
      int at = i;
      tasks.add(() -> {
        stopIfAsked();
        long start = System.nanoTime();
        R result = work.apply(part);
        took[at] = System.nanoTime() - start;
        return result;
      });
    }
    List<R> results = parallel.all(tasks);
    if (phases != null) {
      for (int i = 0; i < parts.size(); i++) {
        phases.finished(prefix + parts.get(i).getClass().getSimpleName(), took[i]);
      }
    }
    return results;
  }

  /**
   * Generates the tree of {@code spec} and writes it into {@code dir} with {@link TreeWriter}, unless {@code dir}
   * already holds exactly the tree these inputs make: then nothing is generated, validated or written. "These inputs"
   * is a fingerprint of the spec (as written and after the profile), the profile, the generators and the agentfleet
   * build itself (every jar or class folder of agentfleet and of the libraries that shape the output), recorded
   * beside the tree at each write with the checksum of every file; the tree counts as up to date only when the
   * fingerprint matches and every file still has its recorded checksum, so a file edited by hand is regenerated
   * (and restored). A generator with its own validators or a schema location other than the shipped schemas is not
   * fingerprinted and always generates.
   */
  public TreeUpdate write(FleetSpec spec, Path dir) {
    return write(FleetEnvironment.of(profile.name(), spec), dir);
  }

  /** {@link #write(FleetSpec, Path)} for one environment of a fleet file. */
  public TreeUpdate write(FleetEnvironment environment, Path dir) {
    long t = System.nanoTime();
    Optional<TreeUpdate> current = upToDate(environment, dir);
    phase("fingerprint and up-to-date check", t);
    if (current.isPresent()) {
      return current.get();
    }
    return generateAndWrite(environment, dir);
  }

  /**
   * Generates one environment's tree and writes it into {@code dir}, without first asking whether {@code dir} is up
   * to date: for callers that asked already ({@link #upToDate}). The files are staged while the validators run, and
   * put in place only if they find nothing; as with {@link #generate(FleetEnvironment)}, a tree that fails validation
   * throws {@link TreeValidationException} and leaves {@code dir} as it was.
   */
  public TreeUpdate generateAndWrite(FleetEnvironment environment, Path dir) {
    try (Parallel parallel = parallel()) {
      Built built = build(environment, false, parallel);
      // No render phase: the writer renders each file as it writes it, beside the validators, and lets its text go.
      String fingerprint = fingerprint(environment);
      TreeReport report = writeWhileValidating(dir, built, fingerprint, parallel);
      return new TreeUpdate(report, Optional.ofNullable(fingerprint), false, Optional.of(built.rendered()));
    }
  }

  /**
   * Validates the tree and writes it, the files rendered and staged beside {@code dir} while the validators run, each
   * file's text let go once written (a large tree is never held as text whole; once the validators are done, this
   * thread renders the files the writer has not reached yet): the staged tree is put in place only once the
   * validators found nothing, else removed, and {@code dir} and its record stay as they were
   * ({@link TreeWriter#write(Path, RenderedTree, String, Runnable)}). The validators' problems come first, as when
   * nothing is staged: a tree that fails validation is reported as such even when writing it failed too. The phase
   * {@code write} is the writer's own time, without its wait for the validators.
   */
  private TreeReport writeWhileValidating(Path dir, Built built, String fingerprint, Parallel parallel) {
    java.util.concurrent.CompletableFuture<Void> verdict = new java.util.concurrent.CompletableFuture<>();
    long[] waited = new long[1];
    Runnable awaitVerdict = () -> {
      long from = System.nanoTime();
      try {
        verdict.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      } finally {
        waited[0] = System.nanoTime() - from;
      }
    };
    java.util.concurrent.FutureTask<TreeReport> writing = new java.util.concurrent.FutureTask<>(() -> {
      long from = System.nanoTime();
      try {
        return TreeWriter.write(dir, built.rendered(), fingerprint, awaitVerdict);
      } finally {
        built.rendered().stopRenderingAhead();
        phase("write", from + waited[0]);
      }
    });
    Thread writer = new Thread(writing, "agentfleet-writer");
    writer.setDaemon(true);
    writer.start();
    List<Problem> problems;
    try {
      problems = problems(built, parallel);
      stopIfAsked(); // the last moment at which a stop leaves the folder as it was
    } catch (RuntimeException | Error e) {
      verdict.completeExceptionally(e);
      awaitQuietly(writing);
      throw e;
    }
    if (!problems.isEmpty()) {
      TreeValidationException invalid = invalid(built, problems);
      verdict.completeExceptionally(invalid);
      awaitQuietly(writing);
      throw invalid;
    }
    verdict.complete(null);
    // The validators' threads are done: this one renders the files the writer has not reached yet.
    built.rendered().renderAhead();
    return joined(writing, "writing the tree");
  }

  /** Waits for {@code task} to end, whatever its outcome (the caller throws its own failure). */
  private static void awaitQuietly(java.util.concurrent.FutureTask<?> task) {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (java.util.concurrent.ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The result of {@code task}, whose failure is thrown as it was. */
  private static <T> T joined(java.util.concurrent.FutureTask<T> task, String doing) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The tree in {@code dir} when it is the one these inputs made (see {@link #write(FleetSpec, Path)}), without
   * generating anything; empty when it must be generated. For callers that generate several environments before
   * writing any (all or nothing) and write each with {@link #write(FleetEnvironment, Path, GenerationResult)}.
   */
  public Optional<TreeUpdate> upToDate(FleetEnvironment environment, Path dir) {
    if (!fingerprintable) {
      return Optional.empty();
    }
    if (!TreeWriter.hasState(dir)) {
      // No record to compare with (a first run, or a tree written without one): the tree is generated whatever the
      // fingerprint, which is needed only to record it at the write, so it is computed on a second thread meanwhile.
      fingerprintLater(environment);
      return Optional.empty();
    }
    String fingerprint = fingerprint(environment);
    return TreeWriter.upToDate(dir, fingerprint)
        .map(report -> new TreeUpdate(report, Optional.of(fingerprint), true, Optional.empty()));
  }

  /** Writes a tree this generator made for {@code environment}, recording its fingerprint for the next run. */
  public TreeUpdate write(FleetEnvironment environment, Path dir, GenerationResult result) {
    String fingerprint = fingerprint(environment);
    TreeReport report = TreeWriter.write(dir, result.tree(), fingerprint);
    return new TreeUpdate(report, Optional.ofNullable(fingerprint), false, Optional.of(result.tree()));
  }

  /** The fingerprint of generating {@code spec} with this generator, or null when its set-up cannot be fingerprinted. */
  String fingerprint(FleetSpec spec) {
    return fingerprint(FleetEnvironment.of(profile.name(), spec));
  }

  /** The fingerprint of generating one environment: its spec, its own values (they decide provenance) and its role. */
  String fingerprint(FleetEnvironment environment) {
    if (!fingerprintable) {
      return null;
    }
    java.util.concurrent.FutureTask<String> task = fingerprintTask(environment);
    // Computes it here unless another thread already is or did; then waits for that one.
    task.run();
    return joined(task, "fingerprinting the tree");
  }

  /** Starts computing the fingerprint of {@code environment} on a daemon thread; {@link #fingerprint} takes it. */
  private void fingerprintLater(FleetEnvironment environment) {
    Thread thread = new Thread(fingerprintTask(environment), "agentfleet-fingerprint");
    thread.setDaemon(true);
    thread.start();
  }

  private java.util.concurrent.FutureTask<String> fingerprintTask(FleetEnvironment environment) {
    return fingerprints.computeIfAbsent(environment,
        e -> new java.util.concurrent.FutureTask<>(() -> computeFingerprint(e)));
  }

  private synchronized String computeFingerprint(FleetEnvironment environment) {
    if (buildIdentity == null) {
      List<Class<?>> code = new ArrayList<>();
      code.add(profile.getClass());
      profile.decorators().forEach(d -> code.add(d.getClass()));
      generators.forEach(g -> code.add(g.getClass()));
      buildIdentity = Fingerprint.buildIdentity(code);
    }
    FleetSpec spec = environment.spec();
    return Fingerprint.of(spec, environment.pin(profile.apply(spec)), profile, generators, buildIdentity,
        "environment " + environment.name() + " operators " + environment.ownsOperators() + " own "
            + environment.overridden());
  }

  /**
   * Lets the validators get ready for the kinds the folder generators made (the schemas' loading and compiling is
   * most of a small fleet's validation) on a second thread, while the tree generators run on this one, and then
   * check the finished documents one by one ({@link TreeValidator#precheck}) until {@link WarmUp#finish}: the tree
   * generators run on one thread, and this puts the other core to work on validation meanwhile. Anything it fails
   * at is left for the validators to meet and report themselves.
   */
  private WarmUp prepareValidators(ManifestTree tree, String kubernetesVersion) {
    Map<String, Map.Entry<String, String>> byKey = new TreeMap<>();
    List<JsonNode> documents = new ArrayList<>();
    for (ManifestFile f : tree.files().values()) {
      for (Document d : f.documents()) {
        JsonNode json = tree.json(d);
        documents.add(json);
        String apiVersion = json.path("apiVersion").asText("");
        String kind = json.path("kind").asText("");
        if (!apiVersion.isEmpty() && !kind.isEmpty()) {
          byKey.putIfAbsent(apiVersion + " " + kind, Map.entry(apiVersion, kind));
        }
      }
    }
    List<Map.Entry<String, String>> kinds = List.copyOf(byKey.values());
    WarmUp warmUp = new WarmUp();
    warmUp.thread = new Thread(() -> {
      for (TreeValidator v : validators) {
        try {
          v.prepare(kinds, kubernetesVersion);
        } catch (RuntimeException ignored) {
          // validate() meets the same failure and reports it in the fleet's words
        }
      }
      try {
        for (JsonNode doc : documents) {
          if (warmUp.stop) {
            return;
          }
          for (TreeValidator v : validators) {
            v.precheck(doc, kubernetesVersion);
          }
        }
      } catch (RuntimeException ignored) {
        // validate() checks that document itself, and meets the failure again
      }
    }, "agentfleet-validator-warm-up");
    warmUp.thread.setDaemon(true);
    warmUp.thread.start();
    return warmUp;
  }

  /** The validators' warm-up thread, and the word that stops it between two documents. */
  private static final class WarmUp {
    private Thread thread;
    private volatile boolean stop;

    /** Stops the checking ahead (what is left is checked by the validators as usual) and waits for the thread. */
    void finish() {
      stop = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private long phase(String name, long since) {
    long now = System.nanoTime();
    if (phases != null) {
      phases.finished(name, now - since);
    }
    if (!name.equals("write")) { // told once the tree is in place: too late to stop
      stopIfAsked();
    }
    return now;
  }

  /** Ends the generation here when its caller asked it to stop ({@link Builder#stopWhen}). */
  private void stopIfAsked() {
    if (stop != null && stop.getAsBoolean()) {
      throw new GenerationStoppedException();
    }
  }

  /**
   * Told the wall time of each phase of {@link #generate} as it ends (resolve, {@code generate:<Generator>} per folder
   * generator, decorate, {@code wire:<TreeGenerator>} per tree generator, render, {@code validate:<Validator>}, and
   * for {@link #write} the fingerprint check and write, which renders each file as it writes it, without a render
   * phase of its own); for benchmarks and build logs, never needed to generate. The write is told from the thread
   * that writes, possibly while the validators run, so a listener must be thread-safe.
   */
  @FunctionalInterface
  public interface PhaseListener {
    void finished(String phase, long nanos);
  }

  /** Runs a decorator over one document; every value it adds or changes gets the note {@code profile <name>: …}. */
  private Document decorate(Document doc, Decorator d, Fleet fleet, ManifestTree tree) {
    HasMetadata before = doc.resource();
    HasMetadata after = d.apply(before, fleet);
    if (after == before) {
      return doc;
    }
    Map<String, String> notes = new TreeMap<>();
    String note = "profile " + profile.name() + ": " + d.describe();
    List<String> declared = d.sets(after);
    if (!declared.isEmpty()) {
      declared.forEach(p -> notes.put(p, note));
    } else {
      // The object's tree before is made for this comparison only; the one after is kept for the decorated tree.
      changed(YamlRenderer.toTree(before), tree.json(after), "", p -> notes.put(p, note));
    }
    return doc.withResource(after).notes(notes);
  }

  /** The JSON pointers of the outermost values that differ between two trees (present in {@code after}). */
  private static void changed(JsonNode before, JsonNode after, String at, Consumer<String> out) {
    if (before != null && before.equals(after)) {
      return;
    }
    if (before == null || !before.isObject() || !after.isObject()) {
      out.accept(at);
      return;
    }
    after.fields().forEachRemaining(e -> changed(before.get(e.getKey()), e.getValue(),
        at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
  }

  private static void addOwnFiles(ManifestTree tree, Generator g, List<ManifestFile> files) {
    for (ManifestFile f : files) {
      ownFile(g, f);
      tree.add(tree.freeze(f));
    }
  }

  private static void ownFile(Generator g, ManifestFile f) {
    if (!f.path().startsWith(g.folder() + "/") && !g.folder().isEmpty()) {
      throw new IllegalStateException(g.getClass().getSimpleName() + " wrote outside " + g.folder() + ": " + f.path());
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
    private PhaseListener phases;
    private java.util.function.BooleanSupplier stop;
    private String buildIdentity;
    private int threads;

    /** Stands for the agentfleet build's identity in the fingerprint (tests: "another agentfleet version"). */
    Builder buildIdentity(String identity) {
      this.buildIdentity = identity;
      return this;
    }

    /**
     * How many threads one generation uses, the caller's included: 1 generates on the calling thread alone; 0, the
     * default, one per processor the JVM may use, up to 4. The tree is the same byte for byte whatever the number.
     */
    public Builder threads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be 0 (one per processor) or more, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Asked at each step of a generation (between phases, before each folder generator and validator, and once more
     * before a tree being written is put in place) whether to stop; when it answers true the generation ends with
     * {@link GenerationStoppedException} and writes nothing. Never asked by default. For a caller whose user went
     * away: the {@code agentfleet} command's resident process, when the command that asked for the run is stopped.
     */
    public Builder stopWhen(java.util.function.BooleanSupplier stop) {
      this.stop = stop;
      return this;
    }

    /** Told how long each phase took; none by default. */
    public Builder phaseListener(PhaseListener listener) {
      this.phases = listener;
      return this;
    }

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
