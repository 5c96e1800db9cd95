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
 * arguments (after any {@code --context NAME}) as one line to a log, answers what the scripts read (client version,
 * {@code STUB_KUBECTL_MINOR}; context, CRDs; the HPAs of a namespace with their ScalingActive status, all
 * {@code STUB_HPA_STATUS} and one left out by {@code STUB_HPA_MISSING}, an unrelated HPA among them as in a shared
 * namespace; ScaledObject conditions; the PostgreSQL primary), goes through the workloads of a {@code rollout status}
 * one by one as kubectl does, failing the one named by {@code STUB_FAIL_ROLLOUT}, and blocks on the one named by
 * {@code STUB_HANG_ROLLOUT} as kubectl does on a workload that never rolls out (a one-second look at it alone fails
 * at once; the blocked process's id goes to the log's name + {@code .blocked}). It behaves like a cluster in two more ways on request: {@code STUB_COMPLETED_JOB_POD}
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
        "version --client -o json") printf '{\n  "clientVersion": {\n    "major": "1",\n    "minor": "%s",\n' "${STUB_KUBECTL_MINOR:-31}" ;;
        "rollout status "*)
          rc=0
          for ref in "${@:3}"; do
            case "$ref" in -*) continue ;; esac
            if [ -n "${STUB_HANG_ROLLOUT:-}" ] && [ "$ref" = "$STUB_HANG_ROLLOUT" ]; then
              # kubectl waits for each workload up to its --timeout: a batch holding a stuck one blocks.
              # The scripts' second's look at each workload of a failed batch (--timeout=1s) times out.
              case " $* " in *" --timeout=1s "*) ;; *) echo "$$" > "$STUB_LOG.blocked"; exec sleep 100 ;; esac
              echo "error: timed out waiting for the condition" >&2
              rc=1
            elif [ -n "${STUB_FAIL_ROLLOUT:-}" ] && [ "$ref" = "$STUB_FAIL_ROLLOUT" ]; then
              echo "error: $ref exceeded its progress deadline" >&2
              rc=1
            else
              echo "$ref successfully rolled out"
            fi
          done
          exit "$rc" ;;
        "get hpa -n "*)
          for name in ${STUB_HPAS:-claude-sub-agent-s1 claude-sub-agent-s2 claude-sub-agent-s3 claude-sub-agent-s4 claude-sub-agent-s5 claude-sub-agent-s6 keda-hpa-claude-sub-agent-s2 other-team-hpa}; do
            [ "$name" = "${STUB_HPA_MISSING:-}" ] || printf '%s %s\n' "$name" "${STUB_HPA_STATUS:-True}"
          done ;;
        "get scaledobject.keda.sh -n "*) printf 'claude-sub-agent-s2 %s\n' "${STUB_SCALEDOBJECT_STATUS:-True}" ;;
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
