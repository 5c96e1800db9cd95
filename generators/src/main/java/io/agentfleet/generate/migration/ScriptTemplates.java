package io.agentfleet.generate.migration;

/**
 * The fixed parts of the scripts of {@code migration/}; {@code @@NAME@@} marks where {@link MigrationGenerator}
 * puts what it derives from the tree. Every script is checked by {@code shellcheck -S warning} and {@code bash -n}
 * and run against a recording {@code kubectl} stub in the tests.
 */
final class ScriptTemplates {
  private ScriptTemplates() {}

  /** Functions every script shares: kubectl with the chosen context, dry-run, preflight checks. */
  static final String COMMON = """
      # ---- shared by the scripts of migration/ ----
      KUBECTL="${KUBECTL:-kubectl}"
      TREE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
      TIMEOUT="${TIMEOUT:-300s}"
      DRY_RUN=false
      CONTEXT=""

      die() {
        echo "error: $*" >&2
        exit 1
      }

      log() {
        echo "==> $*"
      }

      # Runs kubectl with the chosen context.
      k() {
        if [ -n "$CONTEXT" ]; then
          "$KUBECTL" --context "$CONTEXT" "$@"
        else
          "$KUBECTL" "$@"
        fi
      }

      # Runs a command that changes the cluster; with --dry-run, prints it instead.
      change() {
        if [ "$DRY_RUN" = true ]; then
          echo "[dry-run] kubectl $*"
        else
          k "$@"
        fi
      }

      # Fails early, with the fix, when kubectl or a context is missing.
      preflight() {
        command -v "$KUBECTL" >/dev/null 2>&1 \\
          || die "kubectl not found on PATH: install it (https://kubernetes.io/docs/tasks/tools/) or set KUBECTL=/path/to/kubectl"
        if [ -n "$CONTEXT" ]; then
          "$KUBECTL" config get-contexts "$CONTEXT" >/dev/null 2>&1 \\
            || die "kubectl context '$CONTEXT' not found in your kubeconfig (kubectl config get-contexts lists them)"
        else
          CONTEXT="$("$KUBECTL" config current-context 2>/dev/null)" \\
            || die "no current kubectl context: run 'kubectl config use-context <name>' or pass --context <name>"
          [ -n "$CONTEXT" ] || die "no current kubectl context: run 'kubectl config use-context <name>' or pass --context <name>"
        fi
        log "context $CONTEXT"
      }
      """;

  /** {@code deploy.sh}: apply in dependency order with waits; {@code verify}. */
  static final String DEPLOY = """
      #!/usr/bin/env bash
      # @@HEADER@@
      # Applies the tree folder by folder in dependency order, waiting for each folder to be ready before the next,
      # and verifies a running fleet. Idempotent: applying twice changes nothing the second time.
      set -euo pipefail

      @@COMMON@@

      usage() {
        cat <<'USAGE'
      Usage: migration/deploy.sh [deploy|verify] [options]

        deploy (default)  apply every folder in dependency order (@@ORDER@@),
                          checking the CRDs each one needs and waiting until it is ready
        verify            check a running fleet: every Deployment, StatefulSet and DaemonSet rolled
                          out (job pods, which complete, are not waited on), HPAs read their
                          metrics, KEDA ScaledObjects Ready, database reachable; exits non-zero
                          on the first failure

      Options:
        --context NAME    kubectl context to use (default: the current context)
        --timeout DUR     how long each wait may take (default: 300s; env TIMEOUT)
        --only FOLDER     deploy one folder only (its dependencies must be in place)
        --dry-run         print the commands that would change the cluster; checks still run
        -h, --help        this help

      Under Argo CD or Flux (ci-cd/), Git is the way in: use this script for a first install
      without GitOps, or to verify.
      USAGE
      }

      # Folders in the order they are applied (ci-cd/README.md explains it).
      FOLDERS=(@@FOLDERS@@)

      # The CRDs a folder's objects need, one per line.
      folder_crds() {
        case "$1" in
      @@CRDS@@
          *) ;;
        esac
      }

      # What to wait for once a folder is applied: "<how> <namespace|-> <kind/name>" per line.
      folder_waits() {
        case "$1" in
      @@WAITS@@
          *) ;;
        esac
      }

      # Every workload: "<namespace> <kind/name>" per line.
      workloads() {
        cat <<'LIST'
      @@WORKLOADS@@
      LIST
      }

      # Every HorizontalPodAutoscaler: "<namespace> <name>" per line.
      autoscalers() {
        cat <<'LIST'
      @@HPAS@@
      LIST
      }

      # Every KEDA ScaledObject (KEDA makes and owns its HPA): "<namespace> <name>" per line.
      scaled_objects() {
        cat <<'LIST'
      @@SCALED_OBJECTS@@
      LIST
      }

      # Every PostgreSQL cluster (CloudNativePG): "<namespace> <name>" per line.
      databases() {
        cat <<'LIST'
      @@DATABASES@@
      LIST
      }

      FLEET="@@FLEET@@"

      wait_for() {
        local how="$1" ns="$2" ref="$3"
        local nsarg=()
        [ "$ns" = "-" ] || nsarg=(-n "$ns")
        case "$how" in
          rollout) change rollout status "$ref" "${nsarg[@]}" --timeout="$TIMEOUT" \\
            || die "rollout of $ref in $ns did not complete within $TIMEOUT (kubectl describe $ref -n $ns)" ;;
          ready) change wait --for=condition=Ready "$ref" "${nsarg[@]}" --timeout="$TIMEOUT" \\
            || die "$ref in $ns is not Ready after $TIMEOUT (kubectl describe $ref -n $ns)" ;;
          active) change wait --for=jsonpath='{.status.phase}'=Active "$ref" --timeout="$TIMEOUT" \\
            || die "$ref is not Active after $TIMEOUT" ;;
          applied) change wait --for=jsonpath='{.status.applied}'=true "$ref" "${nsarg[@]}" --timeout="$TIMEOUT" \\
            || die "$ref in $ns is not applied after $TIMEOUT (kubectl describe $ref -n $ns)" ;;
          *) die "unknown wait '$how' for $ref" ;;
        esac
      }

      deploy_folder() {
        local folder="$1" crd how ns ref
        [ -f "$TREE/$folder/kustomization.yaml" ] || die "$TREE/$folder/kustomization.yaml is missing: is this a complete tree?"
        while read -r crd; do
          [ -n "$crd" ] || continue
          k get crd "$crd" >/dev/null 2>&1 \\
            || die "folder $folder needs the CRD $crd, which the cluster lacks: install its operator first (ci-cd/README.md lists the pinned charts)"
        done < <(folder_crds "$folder")
        log "apply $folder/"
        # Server-side, one field manager for deploy.sh and rollback.sh, conflicts forced: fields that
        # kubectl rollout undo, kubectl edit or Argo CD took since the last apply return to what the tree says
        # (migration/README.md, "Field ownership").
        change @@APPLY@@ -k "$TREE/$folder"
        while read -r how ns ref; do
          [ -n "$how" ] || continue
          wait_for "$how" "$ns" "$ref"
        done < <(folder_waits "$folder")
        log "$folder/ ready"
      }

      deploy() {
        local folder
        if [ -n "$ONLY" ]; then
          printf '%s\\n' "${FOLDERS[@]}" | grep -qx -- "$ONLY" || die "no folder '$ONLY' in this tree (folders: ${FOLDERS[*]})"
          deploy_folder "$ONLY"
          return
        fi
        for folder in "${FOLDERS[@]}"; do
          deploy_folder "$folder"
        done
        log "deployed; run migration/deploy.sh verify"
      }

      verify() {
        local ns ref name status pod failed=0
        # Workloads, not pods: a pod of a CronJob or Job completes and is never Ready again, so waiting on
        # every pod of the fleet would time out. rollout status waits until a workload's pods are updated and
        # available; the PostgreSQL cluster is checked below; jobs are not waited on.
        log "workloads rolled out"
        while read -r ns ref; do
          [ -n "$ns" ] || continue
          k rollout status "$ref" -n "$ns" --timeout="$TIMEOUT" \\
            || die "rollout of $ref in $ns is not complete (kubectl rollout history $ref -n $ns; migration/rollback.sh can undo it)"
        done < <(workloads)
        log "autoscalers read their metrics"
        # Every "namespace name" line on stdin names an object of RESOURCE whose CONDITION must be True; each that is
        # not is reported as "KIND name in ns WHAT", with HINT, and marks the run failed.
        expect_condition() {
          local resource="$1" condition="$2" kind="$3" what="$4" hint="$5" ns name status
          while read -r ns name; do
            [ -n "$ns" ] || continue
            status="$(k get "$resource" "$name" -n "$ns" -o jsonpath='{.status.conditions[?(@.type=="'"$condition"'")].status}')" || status=""
            if [ "$status" != "True" ]; then
              echo "error: $kind $name in $ns $what ($condition=${status:-unknown}): $hint (kubectl describe $resource $name -n $ns)" >&2
              failed=1
            fi
          done
        }
        expect_condition hpa ScalingActive HPA "cannot read its metrics" \
          "is metrics-server and the custom-metrics adapter running?" < <(autoscalers)
        expect_condition scaledobject.keda.sh Ready "KEDA ScaledObject" "is not Ready" \
          "is KEDA running and can it reach Prometheus?" < <(scaled_objects)
        [ "$failed" = 0 ] || exit 1
        log "database reachable"
        while read -r ns name; do
          [ -n "$ns" ] || continue
          k wait --for=condition=Ready "cluster.postgresql.cnpg.io/$name" -n "$ns" --timeout="$TIMEOUT" \\
            || die "PostgreSQL cluster $name in $ns is not Ready (kubectl describe cluster.postgresql.cnpg.io/$name -n $ns)"
          pod="$(k get pods -n "$ns" -l "cnpg.io/cluster=$name,cnpg.io/instanceRole=primary" -o name)" || pod=""
          [ -n "$pod" ] || die "PostgreSQL cluster $name in $ns has no primary pod"
          k exec -n "$ns" "$pod" -c postgres -- pg_isready -q \\
            || die "PostgreSQL primary $pod in $ns does not accept connections"
        done < <(databases)
        log "fleet $FLEET verified"
      }

      COMMAND=deploy
      ONLY=""
      while [ $# -gt 0 ]; do
        case "$1" in
          deploy|verify) COMMAND="$1" ;;
          --context) [ $# -ge 2 ] || die "--context needs a name"; CONTEXT="$2"; shift ;;
          --timeout) [ $# -ge 2 ] || die "--timeout needs a duration (e.g. 300s)"; TIMEOUT="$2"; shift ;;
          --only) [ $# -ge 2 ] || die "--only needs a folder"; ONLY="$2"; shift ;;
          --dry-run) DRY_RUN=true ;;
          -h|--help) usage; exit 0 ;;
          *) usage >&2; die "unknown argument '$1'" ;;
        esac
        shift
      done

      preflight
      "$COMMAND"
      """;

  /** {@code rollback.sh}: one agent, one folder or all, to a ReplicaSet or Git revision; dry run first. */
  static final String ROLLBACK = """
      #!/usr/bin/env bash
      # @@HEADER@@
      # Rolls back one agent, one folder or the whole fleet: to an earlier ReplicaSet revision (kubectl rollout undo)
      # or to the tree as it was at an earlier Git revision. Every change is first tried as a server-side dry run;
      # --dry-run stops there.
      set -euo pipefail

      @@COMMON@@

      usage() {
        cat <<'USAGE'
      Usage: migration/rollback.sh [options] agent ID [--to-revision N]
             migration/rollback.sh [options] folder NAME --to-git REV
             migration/rollback.sh [options] all --to-git REV

        agent ID          undo the last rollout of the agent's (or sub-agent's) workloads,
                          or go back to ReplicaSet revision N (kubectl rollout history lists them)
                          agents: @@AGENT_IDS@@
        folder NAME       re-apply one folder as it was at Git revision REV (@@ORDER@@)
        all               re-apply every folder at REV, in dependency order

      Options:
        --to-revision N   ReplicaSet revision to return to (agent; default: the previous one)
        --to-git REV      Git commit, tag or branch of the GitOps repository holding this tree
        --context NAME    kubectl context to use (default: the current context)
        --timeout DUR     how long each rollout may take (default: 300s; env TIMEOUT)
        --dry-run         only the server-side dry run: show what would change
        -h, --help        this help

      Under Argo CD with self-heal (ci-cd/argocd.yaml) a change made here is reverted at the next
      sync: roll back through Git instead (git revert, then push), or pause the Application first.
      USAGE
      }

      FOLDERS=(@@FOLDERS@@)

      # The workloads of each agent and sub-agent: "<namespace> <kind/name>" per line.
      agent_workloads() {
        case "$1" in
      @@AGENT_WORKLOADS@@
          *) return 1 ;;
        esac
      }

      # Workloads of a folder, waited on after it is re-applied: "<namespace> <kind/name>" per line.
      folder_workloads() {
        case "$1" in
      @@FOLDER_WORKLOADS@@
          *) ;;
        esac
      }

      rollback_agent() {
        local id="$1" ns ref found=false
        local to=()
        [ -z "$TO_REVISION" ] || to=(--to-revision="$TO_REVISION")
        agent_workloads "$id" >/dev/null || die "no agent or sub-agent '$id' in this fleet (known: @@AGENT_IDS@@)"
        while read -r ns ref; do
          [ -n "$ns" ] || continue
          found=true
          log "dry run: undo $ref in $ns${TO_REVISION:+ to revision $TO_REVISION}"
          k rollout undo "$ref" -n "$ns" "${to[@]}" --dry-run=server \\
            || die "cannot roll back $ref in $ns (kubectl rollout history $ref -n $ns lists its revisions)"
        done < <(agent_workloads "$id")
        [ "$found" = true ] || die "agent '$id' has no workloads in this tree"
        [ "$DRY_RUN" = false ] || { log "dry run only: nothing changed"; return; }
        while read -r ns ref; do
          [ -n "$ns" ] || continue
          k rollout undo "$ref" -n "$ns" "${to[@]}"
          k rollout status "$ref" -n "$ns" --timeout="$TIMEOUT" \\
            || die "rollback of $ref in $ns did not complete within $TIMEOUT"
        done < <(agent_workloads "$id")
        log "agent $id rolled back"
      }

      # Extracts the tree at REV into the folder DIR and prints where the tree is in it.
      checkout_tree() {
        local rev="$1" dir="$2" top prefix
        command -v git >/dev/null 2>&1 || die "git not found on PATH: needed for --to-git"
        top="$(git -C "$TREE" rev-parse --show-toplevel 2>/dev/null)" \\
          || die "$TREE is not inside a Git repository: --to-git needs the GitOps repository's history"
        prefix="$(git -C "$TREE" rev-parse --show-prefix)"
        [ -n "$prefix" ] || prefix="./"
        git -C "$top" rev-parse --verify --quiet "$rev^{commit}" >/dev/null \\
          || die "Git revision '$rev' not found (git log --oneline -- $prefix lists candidates)"
        git -C "$top" archive --format=tar "$rev" -- "$prefix" | tar -x -C "$dir" \\
          || die "cannot extract $prefix at $rev"
        echo "$dir/${prefix%/}"
      }

      rollback_folders() {
        local rev="$1" old folder ns ref
        shift
        WORKDIR="$(mktemp -d)"
        trap 'rm -rf "$WORKDIR"' EXIT
        old="$(checkout_tree "$rev" "$WORKDIR")"
        for folder in "$@"; do
          [ -f "$old/$folder/kustomization.yaml" ] || die "folder $folder did not exist at $rev"
          log "dry run: $folder/ at $rev"
          k @@APPLY@@ --dry-run=server -k "$old/$folder" \\
            || die "the server refuses $folder/ as it was at $rev"
        done
        [ "$DRY_RUN" = false ] || { log "dry run only: nothing changed"; return; }
        for folder in "$@"; do
          log "apply $folder/ at $rev"
          # The same field manager as deploy.sh, conflicts forced (migration/README.md, "Field ownership").
          k @@APPLY@@ -k "$old/$folder"
          while read -r ns ref; do
            [ -n "$ns" ] || continue
            k rollout status "$ref" -n "$ns" --timeout="$TIMEOUT" \\
              || die "rollout of $ref in $ns did not complete within $TIMEOUT"
          done < <(folder_workloads "$folder")
        done
        log "rolled back to $rev: $*"
      }

      WORKDIR=""
      TARGET=""
      NAME=""
      TO_REVISION=""
      TO_GIT=""
      while [ $# -gt 0 ]; do
        case "$1" in
          agent|folder) [ $# -ge 2 ] || die "$1 needs a name"; TARGET="$1"; NAME="$2"; shift ;;
          all) TARGET=all ;;
          --to-revision) [ $# -ge 2 ] || die "--to-revision needs a number"; TO_REVISION="$2"; shift ;;
          --to-git) [ $# -ge 2 ] || die "--to-git needs a Git revision"; TO_GIT="$2"; shift ;;
          --context) [ $# -ge 2 ] || die "--context needs a name"; CONTEXT="$2"; shift ;;
          --timeout) [ $# -ge 2 ] || die "--timeout needs a duration (e.g. 300s)"; TIMEOUT="$2"; shift ;;
          --dry-run) DRY_RUN=true ;;
          -h|--help) usage; exit 0 ;;
          *) usage >&2; die "unknown argument '$1'" ;;
        esac
        shift
      done

      [ -n "$TARGET" ] || { usage >&2; die "say what to roll back: agent ID, folder NAME or all"; }
      [ -z "$TO_REVISION" ] || [[ "$TO_REVISION" =~ ^[0-9]+$ ]] || die "--to-revision must be a number, not '$TO_REVISION'"
      case "$TARGET" in
        agent)
          [ -z "$TO_GIT" ] || die "an agent rolls back to a ReplicaSet revision (--to-revision); use 'folder' or 'all' with --to-git"
          preflight
          rollback_agent "$NAME" ;;
        folder)
          [ -n "$TO_GIT" ] || die "folder $NAME needs --to-git REV"
          printf '%s\\n' "${FOLDERS[@]}" | grep -qx -- "$NAME" || die "no folder '$NAME' in this tree (folders: ${FOLDERS[*]})"
          preflight
          rollback_folders "$TO_GIT" "$NAME" ;;
        all)
          [ -n "$TO_GIT" ] || die "all needs --to-git REV"
          preflight
          rollback_folders "$TO_GIT" "${FOLDERS[@]}" ;;
      esac
      """;

  /** {@code docker-to-k8s.sh}: from the Docker Compose setup to the cluster, data included. */
  static final String DOCKER_TO_K8S = """
      #!/usr/bin/env bash
      # @@HEADER@@
      # Moves the fleet from its Docker Compose setup to this tree: copies each agent's database out of the Compose
      # PostgreSQL, stops the Compose agents (two copies of an agent would work the same issues twice), deploys the
      # database and what it needs, restores the databases while no backend runs, then deploys the agents and
      # sub-agents and verifies. Idempotent: every step can be re-run.
      set -euo pipefail

      @@COMMON@@

      usage() {
        cat <<'USAGE'
      Usage: migration/docker-to-k8s.sh [options]

        1. dump each agent's database from the Compose PostgreSQL service (pg_dump -Fc)
        2. stop the Compose agent services (docker compose stop; containers and volumes stay)
        3. deploy the database and the folders it needs (@@DATA_FOLDERS@@), waiting until it is ready
        4. restore the dumps into the cluster's PostgreSQL (pg_restore --clean --if-exists),
           while no backend runs
        5. deploy the rest (@@APP_FOLDERS@@): agents and sub-agents start on restored data
        6. verify (migration/deploy.sh verify)

      Options:
        --compose-file FILE  the Compose file of the Docker setup (default: docker-compose.yml)
        --db-service NAME    its PostgreSQL service (default: postgres)
        --db-user NAME       the PostgreSQL user that can read every database (default: postgres)
        --dumps DIR          where dumps are kept (default: ./migration-dumps)
        --skip-data          move no data (fresh databases in the cluster)
        --services "A B"     the Compose services of the agents (default: @@AGENT_SERVICES@@)
        --context NAME       kubectl context to use (default: the current context)
        --dry-run            print what would change; nothing is stopped, applied or restored
        -h, --help           this help

      Start with fleet.yaml from the Compose file: mvn agentfleet:import-compose, then
      mvn agentfleet:generate, commit, and run this script from the generated tree.
      USAGE
      }

      # Agents, the database each one owns and its owner role: "<agent id> <database> <owner>" per line.
      agent_databases() {
        cat <<'LIST'
      @@AGENT_DATABASES@@
      LIST
      }

      # The PostgreSQL cluster the databases move to, if the tree has one: "<namespace> <name> cnpg" (CloudNativePG)
      # or "<namespace> <name> statefulset <service>" (the primary is the pod behind the read-write Service).
      TARGET_DB="@@TARGET_DB@@"
      # Compose services of the agents, stopped once their data is safe (--services overrides).
      AGENT_SERVICES=(@@AGENT_SERVICES@@)
      # Deployed before the restore: the database folder and the folders it needs, in dependency order.
      DATA_FOLDERS=(@@DATA_FOLDERS@@)
      # Deployed after the restore: everything else, the backends (agents/, sub-agents/) among them.
      APP_FOLDERS=(@@APP_FOLDERS@@)

      COMPOSE_FILE="docker-compose.yml"
      DB_SERVICE="postgres"
      DB_USER="postgres"
      DUMPS="./migration-dumps"
      SKIP_DATA=false
      while [ $# -gt 0 ]; do
        case "$1" in
          --compose-file) [ $# -ge 2 ] || die "--compose-file needs a file"; COMPOSE_FILE="$2"; shift ;;
          --db-service) [ $# -ge 2 ] || die "--db-service needs a name"; DB_SERVICE="$2"; shift ;;
          --db-user) [ $# -ge 2 ] || die "--db-user needs a name"; DB_USER="$2"; shift ;;
          --dumps) [ $# -ge 2 ] || die "--dumps needs a folder"; DUMPS="$2"; shift ;;
          --skip-data) SKIP_DATA=true ;;
          --services) [ $# -ge 2 ] || die "--services needs a list"; read -r -a AGENT_SERVICES <<<"$2"; shift ;;
          --context) [ $# -ge 2 ] || die "--context needs a name"; CONTEXT="$2"; shift ;;
          --dry-run) DRY_RUN=true ;;
          -h|--help) usage; exit 0 ;;
          *) usage >&2; die "unknown argument '$1'" ;;
        esac
        shift
      done

      compose() {
        docker compose -f "$COMPOSE_FILE" "$@"
      }

      preflight
      command -v docker >/dev/null 2>&1 || die "docker not found on PATH: this script reads the Docker Compose setup"
      [ -f "$COMPOSE_FILE" ] || die "no Compose file at $COMPOSE_FILE (pass --compose-file)"

      if [ "$SKIP_DATA" = false ]; then
        [ -n "$TARGET_DB" ] || die "this tree has no PostgreSQL cluster to restore into: add database: to fleet.yaml, or pass --skip-data"
        log "1. dump databases from service $DB_SERVICE"
        mkdir -p "$DUMPS"
        while read -r id db owner; do
          [ -n "$id" ] || continue
          if [ "$DRY_RUN" = true ]; then
            echo "[dry-run] docker compose exec -T $DB_SERVICE pg_dump -U $DB_USER -Fc $db > $DUMPS/$db.dump"
          else
            compose exec -T "$DB_SERVICE" pg_dump -U "$DB_USER" -Fc "$db" > "$DUMPS/$db.dump.partial" \\
              || die "cannot dump database $db of agent $id from service $DB_SERVICE"
            mv "$DUMPS/$db.dump.partial" "$DUMPS/$db.dump"
          fi
        done < <(agent_databases)
      fi

      log "2. stop the Compose agents: ${AGENT_SERVICES[*]:-none}"
      if [ "${#AGENT_SERVICES[@]}" -gt 0 ]; then
        if [ "$DRY_RUN" = true ]; then
          echo "[dry-run] docker compose stop ${AGENT_SERVICES[*]}"
        else
          compose stop "${AGENT_SERVICES[@]}"
        fi
      fi

      deploy_args=(--timeout "$TIMEOUT" --context "$CONTEXT")
      [ "$DRY_RUN" = false ] || deploy_args+=(--dry-run)
      # deploy.sh --only applies one folder and waits for it: the database is Ready and every agent's database
      # exists before anything is restored into it.
      deploy_folders() {
        local folder
        for folder in "$@"; do
          "$TREE/migration/deploy.sh" deploy --only "$folder" "${deploy_args[@]}"
        done
      }

      log "3. deploy the database first: ${DATA_FOLDERS[*]:-none}"
      deploy_folders "${DATA_FOLDERS[@]}"

      if [ "$SKIP_DATA" = false ]; then
        log "4. restore databases into $TARGET_DB (no backend runs yet)"
        read -r ns cluster kind rw <<<"$TARGET_DB"
        if [ "$kind" = cnpg ]; then
          pod="$(k get pods -n "$ns" -l "cnpg.io/cluster=$cluster,cnpg.io/instanceRole=primary" -o name)" || pod=""
        else
          pod="$(k get endpointslices -n "$ns" -l "kubernetes.io/service-name=$rw" -o jsonpath='{.items[0].endpoints[0].targetRef.name}')" || pod=""
          [ -z "$pod" ] || pod="pod/$pod"
        fi
        [ -n "$pod" ] || [ "$DRY_RUN" = true ] || die "PostgreSQL cluster $cluster in $ns has no primary pod yet"
        while read -r id db owner; do
          [ -n "$id" ] || continue
          if [ "$DRY_RUN" = true ]; then
            echo "[dry-run] kubectl exec -i -n $ns ${pod:-<primary>} -c postgres -- pg_restore --clean --if-exists --no-owner --role=$owner -d $db < $DUMPS/$db.dump"
          else
            [ -s "$DUMPS/$db.dump" ] || die "no dump of $db in $DUMPS (step 1 failed?)"
            k exec -i -n "$ns" "$pod" -c postgres -- pg_restore --clean --if-exists --no-owner --role="$owner" -d "$db" \\
              < "$DUMPS/$db.dump" || die "restoring $db of agent $id failed"
          fi
        done < <(agent_databases)
      fi

      log "5. deploy the agents on the restored data: ${APP_FOLDERS[*]:-none}"
      deploy_folders "${APP_FOLDERS[@]}"

      log "6. verify"
      if [ "$DRY_RUN" = true ]; then
        echo "[dry-run] migration/deploy.sh verify"
      else
        "$TREE/migration/deploy.sh" verify --timeout "$TIMEOUT" --context "$CONTEXT"
      fi
      log "migrated; the Compose agents are stopped, their containers and volumes kept until you remove them"
      """;
}
