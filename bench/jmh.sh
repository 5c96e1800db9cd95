#!/usr/bin/env bash
# In-process benchmark, warm JVM (JMH, module benchmarks/, io.agentfleet.benchmarks.GenerateVsRender): for fleets
# of N sub-agents (the booking-agents example grown, as bench/scale.sh builds them), the library's generation
# (FleetGenerator.generate: resolve, generate, decorate, wire, validate, render; nothing written) against rendering
# the same objects to the same YAML alone, on one thread and on as many threads as the generation uses. Prints JMH's
# table, then per N the ratio generation ÷ rendering alone. Not part of `mvn verify`'s verdict (a test there only
# holds the benchmark to rendering the tree's own bytes).
#
# Usage: bench/jmh.sh [N...] [-- JMH options]   (default N = 100 1000; e.g. bench/jmh.sh 1000 -- -f 1 -wi 3 -i 3)
# Builds the modules it needs in the project's target folders (no install; ~/.m2 untouched but for downloads).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=()
while (($#)) && [[ $1 != -- ]]; do
  [[ $1 =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N...] [-- JMH options]" >&2; exit 2; }
  sizes+=("$1")
  shift
done
[[ ${1:-} == -- ]] && shift
((${#sizes[@]})) || sizes=(100 1000)

work=$PWD/target/jmh
mkdir -p "$work"
echo "building the benchmarks and the modules they use (no tests)"
# The plugin is built too: the examples module, a dependency, names it as its build plugin (skipped here).
mvn -B -q -pl plugin,benchmarks -am -DskipTests -Dagentfleet.skip=true -Dmaven.javadoc.skip=true \
  -Dmaven.source.skip=true package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
# build-classpath wrote one file per module in reactor order: the benchmarks module, which depends on all, is last.
grep -q jmh-core "$work/cp.txt" || { echo "bench/jmh.sh: $work/cp.txt is not the benchmarks' class path" >&2; exit 1; }
cp="$PWD/benchmarks/target/classes:$(cat "$work/cp.txt")"

echo "java: $(java -version 2>&1 | head -n 1); $(nproc) processors; load $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo ?)"
params=$(IFS=,; echo "${sizes[*]}")
java -cp "$cp" org.openjdk.jmh.Main GenerateVsRender -p subAgents="$params" -o "$work/result.txt" "$@"
cat "$work/result.txt"

# Ratios from the table's rows: "<class>.<benchmark>  <N>  avgt  <count>  <score>  ±  <error>  ms/op".
echo
echo "generation ÷ rendering the same objects alone (means of JMH's measurements)"
awk '$1 ~ /^GenerateVsRender\./ && $3 == "avgt" {
       split($1, name, "."); score[name[2] " " $2] = $5; sizes[$2] = 1 }
     END {
       for (n in sizes) {
         g = score["generateAndValidate " n]; one = score["renderAlone " n]; every = score["renderAloneOnEveryCore " n]
         if (g == "" || one == "" || every == "") continue
         printf "N = %s: generate %.1f ms, render alone %.1f ms on one thread (ratio %.2f), %.1f ms on every core (ratio %.2f)\n",
           n, g, one, g / one, every, g / every
       }
     }' "$work/result.txt"
