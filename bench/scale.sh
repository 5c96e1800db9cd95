#!/usr/bin/env bash
# Scale benchmark: fleets of N sub-agents (the booking-agents example grown, io.agentfleet.examples.ScaleFleet),
# each generated, validated and written as a whole process by
#   - the library in a plain `java` main (io.agentfleet.examples.GenerateTree), first run and no-op re-run,
#   - `mvn agentfleet:generate` on a one-plugin project, and `mvn validate` on the same project (Maven's own cost),
#   - the agentfleet command through its resident process (java -jar agentfleet-cli-*-all.jar --daemon generate):
#     one process per N, started by the first of DAEMON_WARMUP untimed runs (which runs in the command's own JVM and
#     is reported on its own); the benchmark waits for the process to finish warming itself on that fleet (as it
#     does while a user reads the first run's output), then makes the other untimed runs,
#   - the agentfleet command through the launcher that `agentfleet launcher` writes (the short-run JVM options and a
#     class-data archive of the command's classes, which an untimed run records first),
#   - the PyYAML peer (python3 pyyaml-gen.py N OUTDIR --libyaml), when present,
# alternating runs, medians of wall time, peak RSS from /usr/bin/time; each round also times the no-op re-run (the
# tree found up to date by its fingerprint) and a run with -Xmx1g. Then per N: one run measuring the live set (the
# largest heap in use after a full collection at a phase's end, -Dagentfleet.liveSet=true), one with the phase times,
# and the 1-minute load average (the machine may be shared).
# Last, the cost of one more sub-agent between sizes, in a JVM of its own per run (java main) and in one resident
# process warmed on the largest fleet that then runs every size in turn (the same compiled code for all sizes), with
# the peer's beside them.
# Every run writes a tree of its own that is deleted only when the benchmark ends: no timed run follows the deletion
# of thousands of files, which a user's run never does either. On ext4 without a journal, creating a file scans past
# every inode freed in the last minutes (the kernel's recently_deleted check in fs/ext4/ialloc.c); a 10 000-sub-agent
# run right after such a deletion took a second longer here, its writer thread mostly in that scan. So leave a few
# minutes between two benchmarks on such a file system: the end of one deletes the trees it wrote.
#
# Usage: bench/scale.sh [-r runs] [N...]        (default: -r 3, N = 10 100 1000 10000)
# Env:   AGENTFLEET_PEER   the peer script (default ../shared/peers/pyyaml-gen.py beside the project root)
#        PEER_PYTHON       the Python that runs it (default python3; it needs PyYAML with libyaml)
#        JAVA_OPTS         extra JVM options for the plain java runs
#        AGENTS=n          fleets of n standard agents (default 3, the example's) beside their N sub-agents; the
#                          peer makes sub-agents only, so with AGENTS set it is not run
#        APPCDS=1          the java and Maven runs use archives of the classes they load, made at the start by one
#                          run each at N=10 (faster start-up): on JDK 25 or later an AOT cache (-XX:AOTCacheOutput,
#                          then -XX:AOTCache: classes loaded and linked, and method profiles), on older JDKs a
#                          dynamic AppCDS archive (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile). The JDK is
#                          the `java` on PATH for the java runs and Maven's (JAVA_HOME) for the Maven runs: set both
#                          to bench another JDK
#        DAEMON_WARMUP     runs through a new resident process before the timed ones (default 3; at least 1)
#        CLIENT_OPTS       the command's own JVM options (default: the launcher's, -XX:+UseParallelGC
#                          -XX:TieredStopAtLevel=1 -Xms512m -Xmn128m, and -XX:+UseTransparentHugePages on Linux); the
#                          resident process takes its options from AGENTFLEET_DAEMON_JAVA_OPTS, or its defaults
#        SHORT_RUN_JVM=1   every JVM (plain java and Maven) runs with the parallel collector and the client compiler
#                          only (-XX:+UseParallelGC -XX:TieredStopAtLevel=1), a first heap of 512 MiB with a young
#                          generation of 128 MiB (-Xms512m -Xmn128m) and, on Linux, transparent huge pages
#                          (-XX:+UseTransparentHugePages): the settings README recommends for generating large
#                          fleets on small machines
# The build installs into a private Maven repository under target/scale/ (never ~/.m2), copied once from ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=3
if [[ ${1:-} == -r ]]; then
  runs=$2
  shift 2
fi
sizes=("$@")
((${#sizes[@]})) || sizes=(10 100 1000 10000)
for n in "${sizes[@]}" "$runs"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [-r runs] [N...]" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "bench/scale.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$root/target/scale
repo=$work/m2
mkdir -p "$work"
if [[ ! -d $repo ]]; then
  echo "copying ~/.m2/repository to $repo (once) so that the plugin installs only there"
  cp -a "$HOME/.m2/repository" "$repo.tmp" && mv "$repo.tmp" "$repo"
fi
mvnq=(mvn -B -q -o -Dmaven.repo.local="$repo")
echo "building (no tests) into the private repository"
# Online: what the build needs and the private copy lacks (a plugin added since it was made) is downloaded there.
mvn -B -q -nsu -Dmaven.repo.local="$repo" -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dagentfleet.skip=true install >"$work/build.log" 2>&1 || {
  echo "the build failed:" >&2
  tail -n 40 "$work/build.log" >&2
  exit 1
}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
"${mvnq[@]}" -pl examples org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
# The examples jar, not its classes folder: an AppCDS archive or AOT cache (APPCDS=1) takes classes from jars only.
cp="$root/examples/target/agentfleet-examples-$version.jar:$(cat "$work/cp.txt")"
cli_jar=$root/cli/target/agentfleet-cli-$version-all.jar
client_opts=${CLIENT_OPTS:--XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xms512m -Xmn128m}
if [[ -z ${CLIENT_OPTS:-} && $(uname -s) == Linux ]]; then
  client_opts="$client_opts -XX:+UseTransparentHugePages"
fi
warmup=${DAEMON_WARMUP:-3}
[[ $warmup =~ ^[1-9][0-9]*$ ]] || { echo "DAEMON_WARMUP must be 1 or more" >&2; exit 2; }
# The resident processes' folder: private to this benchmark (mode 700, as the command requires).
export AGENTFLEET_DAEMON_DIR=$work/daemon
rm -rf "$AGENTFLEET_DAEMON_DIR" && mkdir -m 700 "$AGENTFLEET_DAEMON_DIR"

if [[ ${SHORT_RUN_JVM:-} == 1 ]]; then
  short_run="-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xms512m -Xmn128m"
  # A Linux-only flag (HotSpot's globals_linux.hpp): elsewhere the JVM would refuse to start with it.
  if [[ $(uname -s) == Linux ]]; then
    short_run="$short_run -XX:+UseTransparentHugePages"
    thp=/sys/kernel/mm/transparent_hugepage/enabled
    [[ -r $thp ]] && echo "transparent huge pages: $(cat "$thp")"
  fi
  JAVA_OPTS="${JAVA_OPTS:-} $short_run"
  export MAVEN_OPTS="${MAVEN_OPTS:-} $short_run"
  echo "short-run JVM settings for java and Maven: $short_run"
fi

# A one-plugin project in $1 (artifactId $2) that generates $1/fleet.yaml into $1/generated.
project_pom() {
  cat >"$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>$2</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.agentfleet</groupId>
        <artifactId>agentfleet-maven-plugin</artifactId>
        <version>$version</version>
        <configuration><profile>production</profile></configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

if [[ ${APPCDS:-} == 1 ]]; then
  # Made afresh on every run, after the build and with the runs' own JVM options: an archive made from other jars
  # is not used. One run at N=10 each records the classes the library, and Maven with the plugin, load.
  rm -rf "$work/cds" && mkdir -p "$work/cds/project"
  java -cp "$cp" io.agentfleet.examples.ScaleFleet 10 "$work/cds/project/fleet.yaml"
  project_pom "$work/cds/project" cds
  # The options that make an archive at the end of a run, and those that use it, for a JVM of feature version $1.
  # JDK 25 makes an AOT cache in one run (JEP 514, openjdk.org/jeps/514: -XX:AOTCacheOutput, delivered in 25).
  archive_options() {
    if (($1 >= 25)); then
      make_archive="-XX:AOTCacheOutput=$2.aot" use_archive="-XX:AOTCache=$2.aot"
    else
      make_archive="-XX:ArchiveClassesAtExit=$2.jsa" use_archive="-XX:SharedArchiveFile=$2.jsa"
    fi
  }
  feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
  java_feature=$(feature java)
  maven_feature=$(feature "${JAVA_HOME:+$JAVA_HOME/bin/}java")
  echo "making the start-up archives: java main on JDK $java_feature, Maven with the plugin on JDK $maven_feature"
  archive_options "$java_feature" "$work/cds/java"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} $make_archive -cp "$cp" io.agentfleet.examples.GenerateTree \
    "$work/cds/project/fleet.yaml" "$work/cds/java-tree" >/dev/null 2>&1
  JAVA_OPTS="${JAVA_OPTS:-} $use_archive"
  archive_options "$maven_feature" "$work/cds/maven"
  MAVEN_OPTS="${MAVEN_OPTS:-} $make_archive" "${mvnq[@]}" \
    -f "$work/cds/project/pom.xml" "io.agentfleet:agentfleet-maven-plugin:$version:generate" >/dev/null 2>&1
  export MAVEN_OPTS="${MAVEN_OPTS:-} $use_archive"
  ls "$work"/cds/java.* "$work"/cds/maven.* >/dev/null || { echo "no start-up archive was made" >&2; exit 1; }
fi

peer=${AGENTFLEET_PEER:-$root/../shared/peers/pyyaml-gen.py}
py=${PEER_PYTHON:-python3}
if [[ ${AGENTS:-3} != 3 ]]; then
  echo "AGENTS=$AGENTS: the peer makes the example's three agents only, so it is not run"
  peer=
elif [[ -f $peer ]] && command -v "$py" >/dev/null && "$py" -c 'import yaml' 2>/dev/null; then
  if [[ $("$py" -c 'import yaml; print(yaml.__with_libyaml__)') != True ]]; then
    echo "note: $py has PyYAML without libyaml; the peer's --libyaml runs will be slower than intended"
  fi
else
  echo "peer not found, skipped ($peer with $py and PyYAML)"
  peer=
fi

# run NAME CMD...: one timed run; appends "wall_seconds peak_kib" to $work/NAME.times
run() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/last.time" "$@" >"$work/last.out" 2>&1 || {
    echo "FAILED: $*" >&2
    tail -n 20 "$work/last.out" >&2
    return 1
  }
  cat "$work/last.time" >>"$work/$name.times"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR + 1) / 2)] : "-")}'; }
wall() { [[ -f $work/$1.times ]] && awk '{print $1}' "$work/$1.times" | median || echo -; }
rss() { [[ -f $work/$1.times ]] && awk '{print int($2 / 1024)}' "$work/$1.times" | sort -n | tail -n 1 || echo -; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b}'; }

# The trees the runs write, under one folder deleted at the end (see above). One a stopped benchmark left is moved
# aside, not deleted, so that its deletion too happens at the end.
trees=$work/trees
if [[ -d $trees ]]; then
  mv "$trees" "$work/trees.left.$$"
fi
mkdir -p "$trees"
read -r -a client_opts_array <<<"$client_opts"
cli=(java "${client_opts_array[@]}" -jar "$cli_jar")
resident() { "${cli[@]}" "$@"; }
# The command as `agentfleet launcher` writes it: the same JVM options and a class-data archive, which its first
# generation below records (untimed) into a cache of this benchmark's own.
launcher=$work/launcher/agentfleet
export AGENTFLEET_CACHE_DIR=$work/launcher/cache
rm -rf "$work/launcher"
java -jar "$cli_jar" launcher --output "$launcher" >/dev/null
trap 'resident daemon stop >/dev/null 2>&1 || true; rm -rf "$work"/trees "$work"/trees.left.*' EXIT

report=$work/report.md
: >"$work/walls.txt"
{
  echo "| N | mvn agentfleet:generate s (MiB) | mvn validate s | java main s (MiB) | no-op re-run s (MiB) | no-op ÷ java | java -Xmx1g s (MiB) | live set MiB | peer s (MiB) | java ÷ peer | mvn − validate − java s | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$report"
resident_report=$work/resident.md
{
  echo "| N | launcher s (MiB) | launcher ÷ peer | first run, new resident process s | resident s (client MiB) | resident process peak MiB | peer s | resident ÷ peer | load |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$resident_report"
for n in "${sizes[@]}"; do
  dir=$work/n$n
  rm -rf "$dir" "$work"/*.times
  mkdir -p "$dir"
  java -cp "$cp" io.agentfleet.examples.ScaleFleet "$n" "$dir/fleet.yaml" "${AGENTS:-3}"
  project_pom "$dir" "scale-$n"
  resident daemon stop >/dev/null 2>&1 || true
  echo "N=$n: $warmup untimed runs through a new resident process, then $runs alternating runs"
  for ((i = 1; i <= warmup; i++)); do
    run warm "${cli[@]}" --daemon generate --fleet "$dir/fleet.yaml" --output "$trees/n$n/warm$i"
    if ((i == 1)); then
      for ((t = 0; t < 600; t++)); do
        resident daemon status 2>/dev/null | grep -q '^  warm-ups .* done$' && break
        sleep 1
      done
    fi
  done
  first=$(head -n 1 "$work/warm.times" | cut -d ' ' -f 1)
  run launcher-untimed "$launcher" generate --fleet "$dir/fleet.yaml" --output "$trees/n$n/launcher-untimed"
  for ((i = 1; i <= runs; i++)); do
    out=$trees/n$n/$i
    mkdir -p "$out"
    if [[ -n $peer ]]; then
      run peer "$py" "$peer" "$n" "$out/peer" --libyaml
    fi
    # shellcheck disable=SC2086
    run java java ${JAVA_OPTS:-} -cp "$cp" io.agentfleet.examples.GenerateTree "$dir/fleet.yaml" "$out/java"
    # shellcheck disable=SC2086
    run noop java ${JAVA_OPTS:-} -cp "$cp" io.agentfleet.examples.GenerateTree "$dir/fleet.yaml" "$out/java"
    grep -q '^up to date (fingerprint ' "$work/last.out" || echo "  warning: the re-run was not found up to date" >&2
    # shellcheck disable=SC2086
    run xmx java ${JAVA_OPTS:-} -Xmx1g -cp "$cp" io.agentfleet.examples.GenerateTree "$dir/fleet.yaml" "$out/xmx"
    run mvn "${mvnq[@]}" -f "$dir/pom.xml" -Dagentfleet.outputDirectory="$out/generated" \
      "io.agentfleet:agentfleet-maven-plugin:$version:generate"
    run validate "${mvnq[@]}" -f "$dir/pom.xml" validate
    run resident "${cli[@]}" --daemon generate --fleet "$dir/fleet.yaml" --output "$out/resident"
    run launcher "$launcher" generate --fleet "$dir/fleet.yaml" --output "$out/launcher"
  done
  # The resident process's peak resident set (VmHWM), read before it stops.
  pid=$(resident daemon status | sed -n 's/.*running, pid \([0-9]*\).*/\1/p')
  peak=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || echo -)
  resident daemon stop >/dev/null
  echo "| $n | $(wall launcher) ($(rss launcher)) | $(ratio "$(wall launcher)" "$(wall peer)") | $first | $(wall resident) ($(rss resident)) | ${peak:--} | $(wall peer) | $(ratio "$(wall resident)" "$(wall peer)") | $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo -) |" >>"$resident_report"
  over=$(awk -v m="$(wall mvn)" -v v="$(wall validate)" -v j="$(wall java)" \
    'BEGIN {if (m == "-" || v == "-" || j == "-") print "-"; else printf "%.2f", m - v - j}')
  # shellcheck disable=SC2086
  live=$(java ${JAVA_OPTS:-} -Dagentfleet.liveSet=true -cp "$cp" io.agentfleet.examples.GenerateTree "$dir/fleet.yaml" \
    "$trees/n$n/live" 2>&1 >/dev/null | sed -n 's/^live set \([0-9]*\) MiB.*/\1/p')
  echo "| $n | $(wall mvn) ($(rss mvn)) | $(wall validate) | $(wall java) ($(rss java)) | $(wall noop) ($(rss noop)) | $(ratio "$(wall noop)" "$(wall java)") | $(wall xmx) ($(rss xmx)) | ${live:--} | $(wall peer) ($(rss peer)) | $(ratio "$(wall java)" "$(wall peer)") | $over | $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo -) |" >>"$report"
  echo "$n $(wall java)" >>"$work/walls.txt"
  echo "$n $(wall launcher)" >>"$work/launcher-walls.txt"
  echo "$n $(wall peer)" >>"$work/peer-walls.txt"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Dagentfleet.phases=true -cp "$cp" io.agentfleet.examples.GenerateTree "$dir/fleet.yaml" \
    "$trees/n$n/phases" \
    2>&1 >/dev/null | grep -E '^(phase|total)' | sed "s/^/  N=$n /" >>"$work/phases.txt" || true
done

# The cost of one more sub-agent as the work grows, apart from how warm the JVM is. In a JVM of its own, or in a
# resident process warmed on a small fleet, a small fleet runs more of its code in the interpreter and in the JIT's
# profiling tier than a large one (whose loops get compiled early in the run), so its sub-agents cost more and the
# cost seems to fall with the size. Here one resident process (as one user's process is, for all fleets of a build)
# is warmed on the largest fleet, then runs every size in turn, $runs rounds: medians per size.
if ((${#sizes[@]} > 1)); then
  largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -n 1)
  export AGENTFLEET_DAEMON_DIR=$work/daemon-linear
  rm -rf "$AGENTFLEET_DAEMON_DIR" && mkdir -m 700 "$AGENTFLEET_DAEMON_DIR"
  rm -f "$work"/linear-*.times
  echo "cost per sub-agent: one resident process warmed on N=$largest, then every size in turn, $runs rounds"
  run warm "${cli[@]}" --daemon generate --fleet "$work/n$largest/fleet.yaml" --output "$trees/linear/warm0"
  for ((t = 0; t < 600; t++)); do
    resident daemon status 2>/dev/null | grep -q '^  warm-ups .* done$' && break
    sleep 1
  done
  for ((i = 1; i <= warmup; i++)); do
    run warm "${cli[@]}" --daemon generate --fleet "$work/n$largest/fleet.yaml" --output "$trees/linear/warm$i"
  done
  for ((i = 1; i <= runs; i++)); do
    for n in "${sizes[@]}"; do
      run "linear-$n" "${cli[@]}" --daemon generate --fleet "$work/n$n/fleet.yaml" --output "$trees/linear/$n-$i"
    done
  done
  resident daemon stop >/dev/null
  for n in "${sizes[@]}"; do
    echo "$n $(wall "linear-$n")"
  done | sort -n >"$work/linear-walls.txt"
fi

echo
cat "$report"
echo
echo "The agentfleet command: through the launcher (its class-data archive recorded by an untimed run), and through its"
echo "resident process (after $warmup untimed runs; the first ran in its own JVM and started it):"
echo
cat "$resident_report"
# cost WHAT FILE: the cost of one more sub-agent between consecutive sizes ("N seconds" lines, ascending) and, from
# 100 sub-agents on (below, start-up is most of a run), each such cost as a share of the first: a cost constant
# within ±30 % keeps every share between 0.7 and 1.3.
cost() {
  awk -v what="$1" 'NR > 1 && $2 != "-" && p != "-" && $1 > n {
       c = ($2 - p) * 1000 / ($1 - n)
       s = s sprintf("%s%d → %d: %.2f ms", s == "" ? "" : ", ", n, $1, c)
       if (n >= 100) {
         if (first == "") first = c
         else if (first > 0) {
           shares = shares sprintf("%s%.2f", shares == "" ? "" : ", ", c / first)
           if (c / first < 0.7 || c / first > 1.3) out = 1
         }
       }
     }
     { n = $1; p = $2 }
     END {
       if (s == "") exit
       tail = ""
       if (shares != "") {
         tail = sprintf(" (from 100 on, each after the first as a share of it: %s; %s ±30 %%)", shares,
           out ? "outside" : "within")
       }
       printf("Cost per sub-agent of %s between sizes: %s%s\n", what, s, tail)
     }' "$2"
}
echo
sort -n "$work/walls.txt" | cost "java main (a JVM of its own per run)" -
sort -n "$work/launcher-walls.txt" | cost "the launcher (a JVM of its own per run, with the archive)" -
rm -f "$work/walls.txt" "$work/launcher-walls.txt"
if [[ -s $work/linear-walls.txt ]]; then
  echo
  echo "Through one resident process warmed on $largest sub-agents (medians of $runs rounds, s):" \
    "$(awk '{printf("%s%d: %s", NR > 1 ? ", " : "", $1, $2)}' "$work/linear-walls.txt")"
  cost "the resident process" "$work/linear-walls.txt"
  sort -n "$work/peer-walls.txt" | cost "the peer" -
fi
rm -f "$work/linear-walls.txt" "$work/peer-walls.txt"

echo
echo "Phases (one run each, -Dagentfleet.phases=true):"
cat "$work/phases.txt"
rm -f "$work/phases.txt"
