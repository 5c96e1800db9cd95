#!/usr/bin/env bash
# Times the whole `mvn agentfleet:generate` process on the example fleet (JVM start, Maven, generation,
# validation, writing), several runs, and prints min / median / max wall time and peak memory.
# Usage: bench/generate-time.sh [runs]   (after the README's first command has installed the plugin)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [runs]" >&2
  exit 2
fi

times=()
peak_kb=0
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o /tmp/agentfleet-bench-rss mvn -B -q -f examples agentfleet:generate >/dev/null
    rss=$(tail -n 1 /tmp/agentfleet-bench-rss)
    ((rss > peak_kb)) && peak_kb=$rss
  else
    mvn -B -q -f examples agentfleet:generate >/dev/null
  fi
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done

mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
echo "mvn agentfleet:generate on examples/booking-agents, ${runs} runs (ms): ${times[*]}"
echo "min ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms, max ${sorted[$((runs - 1))]} ms"
if ((peak_kb > 0)); then
  echo "peak resident memory of the Maven JVM: $((peak_kb / 1024)) MiB"
fi
