#!/usr/bin/env bash
# Times the database tests that run real PostgreSQL (Debian's server tools, as .ci/run installs them): the role
# plan in both modes, a primary and two replicas from the generated bootstrap.sh, backup.sh and restore.sh, and
# the shellcheck test. Prints the [timing] lines of each test and the wall time of the whole Maven run.
# Usage: bench/database-tests.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [runs]" >&2
  exit 2
fi
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  log=$(mktemp)
  if ! mvn -B -o -pl model,generators -am test -Dagentfleet.requireTools=true \
      -Dtest='IsolationOnRealPostgresTest,StatefulSetOnRealPostgresTest,ScriptsShellcheckTest' \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  end=$(date +%s%N)
  grep -E '^\[timing\]|Tests run: .* in io.agentfleet.generate.database' "$log" || true
  echo "run $i: whole Maven run $(((end - start) / 1000000)) ms"
  rm -f "$log"
done
