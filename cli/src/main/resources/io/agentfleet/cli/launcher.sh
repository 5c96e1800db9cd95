#!/bin/sh
# agentfleet launcher (agentfleet @VERSION@), written by `agentfleet launcher`; write it again after moving or
# upgrading the jar.
#
# Runs the agentfleet command from its jar with the JVM settings for short runs (agentfleet's README, "Large fleets
# on small machines") and an application class-data archive of the classes the command loads. The first generate,
# check, diff or plan records the archive as it exits (a second or so more, once), kept when the run generated a
# fleet and succeeded (not when it found the tree up to date, printed help or failed: that archive would lack the
# generation's classes); every run after it maps those classes instead of reading, parsing and verifying them. A new jar or JDK gets an
# archive of its own; one the JVM cannot use is ignored, never an error.
#
#   AGENTFLEET_JAVA_OPTIONS  more JVM options, after these (split at spaces)
#   AGENTFLEET_CACHE_DIR     the archives' folder (default: $XDG_CACHE_HOME/agentfleet, else ~/.cache/agentfleet)
#   AGENTFLEET_CDS=off       neither make nor use an archive
#   JAVA_HOME                the JDK to run (default: the java on PATH)
set -u
set -f # options are split at spaces, never expanded as file names

# shellcheck disable=SC2016 # the jar's path as it is: nothing in it is expanded
jar='@JAR@'
if [ ! -f "$jar" ]; then
  echo "agentfleet: the launcher's jar $jar is gone; run 'java -jar <the agentfleet-cli-*-all.jar you use now> launcher'" >&2
  exit 2
fi
if [ -n "${JAVA_HOME:-}" ]; then
  java=$JAVA_HOME/bin/java
else
  java=java
fi
# -Xlog:cds*=off: the JVM prints what it cannot archive on standard output, which is the command's.
options="-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xms512m -Xmn128m -Xlog:cds*=off"
if [ "$(uname -s)" = Linux ]; then
  options="$options -XX:+UseTransparentHugePages"
fi
options="$options ${AGENTFLEET_JAVA_OPTIONS:-}"

# No archive without a folder for it (HOME unset, as under some service managers, and nothing else set).
if [ "${AGENTFLEET_CDS:-on}" != off ] && [ -n "${AGENTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-}}}" ]; then
  cache=${AGENTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/agentfleet}
  # The JDK: its release file names its version and build, so an upgraded JDK in the same folder gets a new archive.
  if [ -n "${JAVA_HOME:-}" ]; then
    jdk=$JAVA_HOME
  else
    jdk=$(command -v java 2>/dev/null || true)
    resolved=$(readlink -f "$jdk" 2>/dev/null) && jdk=$resolved # /usr/bin/java -> the JDK's own bin/java
    jdk=${jdk%/bin/java}
  fi
  jar_key=$(printf '%s\n' "$jar" | cksum | cut -d ' ' -f 1)
  build_key=$( { ls -lnL "$jar"; printf '%s\n' "${jdk:-}"; cat "${jdk:-}/release" 2>/dev/null; } | cksum | cut -d ' ' -f 1)
  archive=$cache/cds-$jar_key-$build_key.jsa
  if [ -f "$archive" ] && [ -z "$(find "$jar" -newer "$archive" 2>/dev/null)" ]; then
    # shellcheck disable=SC2086 # the options are split at spaces on purpose
    exec "$java" $options -XX:SharedArchiveFile="$archive" -jar "$jar" "$@"
  fi
  record=no
  for argument in "$@"; do # the command: the first word that is not an option
    case $argument in
      -*) ;;
      generate | check | diff | plan) record=yes; break ;;
      *) break ;;
    esac
  done
  if [ "$record" = yes ] && mkdir -p "$cache" 2>/dev/null; then
    partial=$archive.$$.partial
    trap 'rm -f "$partial" "$partial.generated"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # shellcheck disable=SC2086 # the options are split at spaces on purpose
    "$java" $options -XX:ArchiveClassesAtExit="$partial" -Dagentfleet.launcher.generated="$partial.generated" \
      -jar "$jar" "$@"
    status=$?
    if [ "$status" -eq 0 ] && [ -s "$partial" ] && [ -f "$partial.generated" ]; then
      # The archives of this jar's earlier builds are of no more use.
      set +f
      rm -f "$cache/cds-$jar_key"-*.jsa
      set -f
      mv -f "$partial" "$archive"
    fi
    exit "$status"
  fi
fi
# shellcheck disable=SC2086 # the options are split at spaces on purpose
exec "$java" $options -jar "$jar" "$@"
