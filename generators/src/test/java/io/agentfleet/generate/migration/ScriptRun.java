package io.agentfleet.generate.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated script with bash, a recording {@code kubectl} stub first on PATH. The stub appends each call's
 * arguments (after any {@code --context NAME}) as one line to a log, answers what the scripts read (context, CRDs,
 * HPA and ScaledObject conditions, the PostgreSQL primary), and fails a rollout whose ref is in
 * {@code STUB_FAIL_ROLLOUT}. It behaves like a cluster in two more ways on request: {@code STUB_COMPLETED_JOB_POD}
 * (a CronJob's pod has completed, so waiting for every pod to be Ready times out) and {@code STUB_FIELD_OWNER}
 * (another manager owns fields, so a server-side apply without {@code --force-conflicts} fails). A {@code docker}
 * stub logs {@code docker …} to the same log, so the order of Compose and cluster steps is visible.
 */
public final class ScriptRun {
  public static final String STUB = """
      #!/usr/bin/env bash
      set -u
      if [ "${1:-}" = "--context" ]; then shift 2; fi
      echo "$*" >> "$STUB_LOG"
      case "$*" in
        "config current-context") [ -n "${STUB_NO_CONTEXT:-}" ] && exit 1; echo stub-context ;;
        "config get-contexts"*) [ "$3" = stub-context ] || exit 1 ;;
        "get crd "*) [ -n "${STUB_MISSING_CRD:-}" ] && [ "$3" = "$STUB_MISSING_CRD" ] && exit 1 ;;
        "rollout status "*)
          if [ -n "${STUB_FAIL_ROLLOUT:-}" ] && [ "$3" = "$STUB_FAIL_ROLLOUT" ]; then
            echo "error: $3 exceeded its progress deadline" >&2
            exit 1
          fi
          echo "$3 successfully rolled out" ;;
        "get hpa "*) printf '%s' "${STUB_HPA_STATUS:-True}" ;;
        "get scaledobject.keda.sh "*) printf '%s' "${STUB_SCALEDOBJECT_STATUS:-True}" ;;
        "get pods "*) echo pod/booking-db-1 ;;
        "get endpointslices "*) printf '%s' booking-agents-postgres-0 ;;
        "wait --for=condition=Ready pod "*)
          if [ -n "${STUB_COMPLETED_JOB_POD:-}" ]; then
            echo "error: timed out waiting for the condition on pods/$STUB_COMPLETED_JOB_POD" >&2
            exit 1
          fi ;;
        "apply "*)
          if [ -n "${STUB_FIELD_OWNER:-}" ] && [[ " $* " != *" --force-conflicts "* ]]; then
            echo "error: Apply failed with 1 conflict: conflict with \"$STUB_FIELD_OWNER\": .spec.template.spec.containers[name=\"agent\"].image" >&2
            exit 1
          fi ;;
        "exec -i "*) cat >/dev/null ;;
      esac
      exit 0
      """;

  public static final String DOCKER_STUB = """
      #!/usr/bin/env bash
      set -u
      echo "docker $*" >> "$STUB_LOG"
      case "$*" in
        *" exec -T "*" pg_dump "*) echo "PGDMP stub dump" ;;
      esac
      exit 0
      """;

  public record Result(int exit, String out, String err, List<String> calls) {}

  private ScriptRun() {}

  public static Path stubDir(Path dir) {
    try {
      Path bin = Files.createDirectories(dir.resolve("stub-bin"));
      Path kubectl = bin.resolve("kubectl");
      Files.writeString(kubectl, STUB, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path docker = bin.resolve("docker");
      Files.writeString(docker, DOCKER_STUB, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code bash script args…} in {@code dir} with the stub on PATH and extra environment. */
  public static Result run(Path dir, Path script, Map<String, String> env, String... args) {
    try {
      Path log = dir.resolve("kubectl.log");
      Files.deleteIfExists(log);
      Files.createFile(log);
      List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
      pb.environment().put("PATH", stubDir(dir) + ":" + System.getenv("PATH"));
      pb.environment().put("STUB_LOG", log.toString());
      pb.environment().put("TIMEOUT", "5s");
      pb.environment().remove("KUBECTL");
      pb.environment().putAll(env);
      Path out = dir.resolve("out.txt");
      Path err = dir.resolve("err.txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(script + " did not finish within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err), Files.readAllLines(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a tool ({@code shellcheck}, {@code bash -n}) on a file; returns exit code and combined output. */
  public static Result tool(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return new Result(p.exitValue(), out, "", List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
