package io.agentfleet.compose;

import io.agentfleet.model.EnvValue;
import io.agentfleet.model.FleetResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What becomes of each service's environment: the variables the tree sets itself are dropped, the Claude API key
 * becomes the fleet's Secret, a repository variable the worker's repository, credentials Secret references. It keeps
 * every credential value it meets, so that {@link #leakCheck} can prove none reaches the written fleet.yaml.
 */
final class ServiceEnv {
  static final List<String> REPOSITORY_VARS = List.of("GIT_REPO", "GIT_REPOSITORY", "REPOSITORY", "REPO_URL",
      "GIT_URL");
  private static final Set<String> API_KEY_VARS = Set.of("ANTHROPIC_API_KEY", "CLAUDE_API_KEY");
  private static final Set<String> GIT_TOKEN_VARS = Set.of("GIT_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN");
  private static final Pattern DEFAULTED = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-([^}$]*)}$");
  private static final Pattern INTERPOLATION = ComposeImport.INTERPOLATION;

  private final ImportReport report;
  /** Every credential value met, to prove none reached the output. */
  private final Set<String> secretValues = new LinkedHashSet<>();
  private final Map<String, List<String>> apiKeyServices = new TreeMap<>();

  ServiceEnv(ImportReport report) {
    this.report = report;
  }

  /** The API-key variables met, each with the services that set it. */
  Map<String, List<String>> apiKeyServices() {
    return apiKeyServices;
  }

  /** What became of a service's environment. */
  record Mapping(Map<String, EnvValue> env, Optional<String> repository) {}

  /**
   * Maps a service's environment: variables the tree sets itself are dropped, the API key becomes the fleet's Claude
   * Secret, a repository variable the worker's repository, credentials Secret references ({@code <workload>-env}, key
   * = the variable's name), and everything else stays as it is.
   */
  Mapping map(ComposeService svc, ServiceKind kind, String workload, String agentName) {
    Map<String, EnvValue> env = new TreeMap<>();
    Optional<String> repository = Optional.empty();
    Set<String> reserved = switch (kind) {
      case WORKER -> FleetResolver.WORKER_ENV;
      case SUB_AGENT -> FleetResolver.AGENT_ENV;
      case BACKEND -> FleetResolver.BACKEND_ENV;
      case FRONTEND -> FleetResolver.FRONTEND_ENV;
    };
    String secretName = workload + "-env";
    List<String> droppedReserved = new ArrayList<>();
    List<String> droppedUnset = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> e : svc.environment().entrySet()) {
      String var = e.getKey();
      Optional<String> value = e.getValue();
      value.filter(v -> Credentials.secretName(var) || Credentials.credentialIn(v).isPresent())
          .ifPresent(secretValues::add);
      String origin = var + " of service " + svc.name;
      if ((kind == ServiceKind.WORKER || kind == ServiceKind.SUB_AGENT) && (var.equals("AGENT_ROLE") || var.equals("AGENT_ID"))) {
        continue;
      }
      if (kind != ServiceKind.FRONTEND && API_KEY_VARS.contains(var)) {
        apiKeyServices.computeIfAbsent(var, k -> new ArrayList<>()).add(svc.name);
        continue;
      }
      if (kind == ServiceKind.WORKER && REPOSITORY_VARS.contains(var) && repository.isEmpty()) {
        if (value.isEmpty() || INTERPOLATION.matcher(value.get()).find()) {
          report.note(svc.name + ": " + var + " takes its value from the shell or .env; set worker.repository by hand");
          continue;
        }
        String url = value.get().trim();
        Optional<String> clean = Credentials.withoutCredentials(url);
        repository = Optional.of(clean.orElse(url));
        report.note(svc.name + ": " + var + " -> worker.repository" + (clean.isPresent() ? " (without the credentials "
            + "in its URL)" : ""));
        if (clean.isPresent()) {
          report.secret(agentName + "-git", "token", "the password in the URL of " + origin
              + " (the worker pushes with it as GIT_TOKEN)");
        }
        continue;
      }
      if (kind == ServiceKind.WORKER && GIT_TOKEN_VARS.contains(var) && hasRepository(svc)) {
        report.secret(agentName + "-git", "token", origin);
        if (!var.equals("GIT_TOKEN")) {
          env.put(var, EnvValue.fromSecret(agentName + "-git", "token"));
        }
        continue;
      }
      if (reserved.contains(var)) {
        droppedReserved.add(var);
        continue;
      }
      boolean secretByName = Credentials.secretName(var);
      if (value.isEmpty()) {
        if (secretByName) {
          env.put(var, EnvValue.fromSecret(secretName, var));
          report.secret(secretName, var, origin + " (its value came from the shell)");
        } else {
          droppedUnset.add(var);
        }
        continue;
      }
      String v = value.get();
      Optional<String> why = Credentials.credentialIn(v);
      if (kind == ServiceKind.SUB_AGENT && REPOSITORY_VARS.contains(var) && !secretByName) {
        Optional<String> clean = Credentials.withoutCredentials(v);
        if (clean.isPresent()) {
          env.put(var, EnvValue.of(clean.get()));
          env.put(var + "_TOKEN", EnvValue.fromSecret(secretName, var + "_TOKEN"));
          report.secret(secretName, var + "_TOKEN", "the password in the URL of " + origin + "; " + var
              + " keeps the URL without it");
          continue;
        }
      }
      if (secretByName || why.isPresent()) {
        env.put(var, EnvValue.fromSecret(secretName, var));
        report.secret(secretName, var, origin + " (" + (secretByName ? "its name says it is a credential" : why.get())
            + ")");
        continue;
      }
      if (INTERPOLATION.matcher(v).find()) {
        Matcher d = DEFAULTED.matcher(v.trim());
        if (d.matches()) {
          env.put(var, EnvValue.of(d.group(1)));
          report.note(svc.name + ": " + var + " set to its Compose default '" + d.group(1) + "' (" + v.trim() + ")");
        } else {
          droppedUnset.add(var);
        }
        continue;
      }
      env.put(var, EnvValue.of(v));
    }
    if (!droppedReserved.isEmpty()) {
      report.note(svc.name + ": " + String.join(", ", droppedReserved) + " dropped: the generated tree sets "
          + (droppedReserved.size() == 1 ? "it" : "them") + " itself" + (kind == ServiceKind.BACKEND
              ? " (the database connection comes from the agent's own database Secret, never from fleet.yaml)" : ""));
    }
    if (!droppedUnset.isEmpty()) {
      report.note(svc.name + ": " + String.join(", ", droppedUnset) + " dropped: the value comes from the shell or "
          + ".env when Compose runs; add it under env: by hand if the container needs it");
    }
    if (!env.isEmpty()) {
      long plain = env.values().stream().filter(x -> !x.isSecret()).count();
      report.note(svc.name + ": env kept: " + plain + " plain, " + (env.size() - plain) + " from Secrets");
    }
    return new Mapping(env, repository);
  }

  static boolean hasRepository(ComposeService svc) {
    return svc.environment().entrySet().stream()
        .anyMatch(e -> REPOSITORY_VARS.contains(e.getKey()) && e.getValue().isPresent());
  }

  /** Proves that no credential value met in the Compose file is in the text about to be written. */
  void leakCheck(String yaml) {
    for (String secret : secretValues) {
      String s = secret.trim();
      if (s.length() >= 6 && yaml.contains(s)) {
        throw new IllegalStateException("import-compose would have written a credential (of "
            + s.length() + " characters) into fleet.yaml; nothing was written");
      }
      Credentials.withoutCredentials(s).ifPresent(clean -> {
        String userInfo = s.substring(s.indexOf("://") + 3, s.indexOf('@', s.indexOf("://")));
        if (userInfo.length() >= 6 && yaml.contains(userInfo)) {
          throw new IllegalStateException("import-compose would have written the credentials of a URL into "
              + "fleet.yaml; nothing was written");
        }
      });
    }
  }
}
