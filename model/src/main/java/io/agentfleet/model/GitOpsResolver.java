package io.agentfleet.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** Fills the GitOps section's defaults and checks its rules. */
final class GitOpsResolver {
  /** A URL Argo CD and Flux can both clone: https, http, ssh or scp-like {@code git@host:owner/repo}. */
  private static final Pattern REPOSITORY = Pattern.compile(
      "^(https?|ssh)://[^\\s/@]+(@[^\\s/]+)?(:[0-9]+)?/[^\\s]+$|^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+$");
  private static final Pattern PATH = Pattern.compile("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$");
  /** Flux's shortest sensible interval: polling a Git host more often than every minute only adds load. */
  private static final long MIN_INTERVAL_SECONDS = 60;

  private GitOpsResolver() {}

  static GitOps resolve(Optional<GitOpsSpec> spec, String fleetName, Problems p) {
    GitOpsSpec s = spec.orElse(GitOpsSpec.builder().build());
    s.repository().ifPresent(r -> {
      if (!Validation.noCredentials(p, "gitops.repository", r, "Argo CD's and Flux's repository Secrets")) {
        return;
      }
      if (!REPOSITORY.matcher(r).matches()) {
        p.add("gitops.repository", "'" + r + "' is not a Git URL Argo CD and Flux can clone "
            + "(example: https://github.com/example/booking-gitops.git)");
      }
    });
    String revision = s.revision().orElse("main");
    GitRef.problem(revision).ifPresent(problem -> p.add("gitops.revision", problem));
    s.path().ifPresent(path -> {
      if (!PATH.matcher(path).matches() || path.equals(".") || path.contains("..")) {
        p.add("gitops.path", "'" + path + "' is not a relative folder of the repository (example: generated/production)");
      }
    });

    int agentShards = s.agentShards().orElse(1);
    Validation.range(p, "gitops.agentShards", agentShards, 1, GitOps.MAX_SHARDS,
        "the number of Applications and Kustomizations that share the agents");
    int shards = s.subAgentShards().orElse(1);
    Validation.range(p, "gitops.subAgentShards", shards, 1, GitOps.MAX_SHARDS,
        "the number of Applications and Kustomizations that share the sub-agents");

    GitOpsSpec.ArgoCdSpec a = s.argocd().orElse(GitOpsSpec.ArgoCdSpec.builder().build());
    String argoNamespace = a.namespace().orElse("argocd");
    Validation.dnsLabel(p, "gitops.argocd.namespace", argoNamespace, 63);
    String project = a.project().orElse(fleetName);
    // The default is the fleet's name, already checked as "name".
    a.project().ifPresent(given -> Validation.dnsLabel(p, "gitops.argocd.project", given, 63));
    if (project.equals("default")) {
      p.add("gitops.argocd.project", "'default' is Argo CD's unrestricted project; name a project of the fleet's own");
    }
    GitOps.ArgoCd argocd = new GitOps.ArgoCd(a.enabled().orElse(true), argoNamespace, project,
        a.installOperators().orElse(true));

    GitOpsSpec.FluxSpec f = s.flux().orElse(GitOpsSpec.FluxSpec.builder().build());
    String fluxNamespace = f.namespace().orElse("flux-system");
    Validation.dnsLabel(p, "gitops.flux.namespace", fluxNamespace, 63);
    Span interval = f.interval().orElse(Span.parse("5m"));
    Span timeout = f.timeout().orElse(Span.parse("10m"));
    if (!interval.isValid()) {
      p.add("gitops.flux.interval", interval.error().orElseThrow());
    } else if (interval.seconds() < MIN_INTERVAL_SECONDS) {
      p.add("gitops.flux.interval", interval + " is shorter than 1m; Flux would poll the Git host needlessly often");
    }
    if (!timeout.isValid()) {
      p.add("gitops.flux.timeout", timeout.error().orElseThrow());
    } else if (timeout.seconds() < 1) {
      p.add("gitops.flux.timeout", timeout + " must be greater than zero");
    }
    GitOps.Flux flux = new GitOps.Flux(f.enabled().orElse(true), fluxNamespace, interval, timeout);
    return new GitOps(s.repository(), revision, s.path(), agentShards, shards, argocd, flux);
  }
}
