#!/usr/bin/env bash
# Profiles JMH benchmarks under an agent with async-profiler (resolved from Maven Central by
# Maven, nothing installed by hand) and prints the hottest frames of each.
#
# usage: benchmarks/profile.sh REGEX [--agent perf|otel|none] [--event itimer|cpu|alloc]
#                              [--out DIR] [-- more JMH options]
# e.g.   benchmarks/profile.sh 'TinyMethodBenchmark.monitoredAggregate$'
set -euo pipefail
cd "$(dirname "$0")/.."

AP_VERSION=4.2
AGENT=perf
EVENT=itimer   # works in VMs without hardware counters; cpu needs perf_event access
OUT=benchmarks/target/profiles
[[ $# -ge 1 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
REGEX=$1; shift
JMH_EXTRA=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --agent) AGENT=$2; shift 2 ;;
    --event) EVENT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --) shift; JMH_EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

case $(uname -m) in
  x86_64) ARCH=linux-x64 ;;
  aarch64) ARCH=linux-arm64 ;;
  *) echo "async-profiler ships no library for $(uname -m)" >&2; exit 1 ;;
esac
DIR=benchmarks/target/profiler
LIB=$DIR/$ARCH/libasyncProfiler.so
if [[ ! -f $LIB ]]; then
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$AP_VERSION \
    -DoutputDirectory=$DIR
  unzip -o -q "$DIR/async-profiler-$AP_VERSION.jar" "$ARCH/*" -d $DIR
fi

case $AGENT in
  perf) ARGS="-javaagent:benchmarks/target/agents/perf.jar -Dperf.report=off -Dperf.summary=off" ;;
  otel) ARGS="-javaagent:benchmarks/target/agents/otel-javaagent.jar -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none" ;;
  none) ARGS="" ;;
  *) echo "--agent is perf, otel or none" >&2; exit 2 ;;
esac

# 1 fork of 5 + 5 iterations unless the JMH options after -- say otherwise
DEFAULTS=()
for o in -f -wi -i; do
  [[ " ${JMH_EXTRA[*]-} " == *" $o "* ]] || DEFAULTS+=("$o" "$([[ $o == -f ]] && echo 1 || echo 5)")
done
mkdir -p "$OUT"
java -jar benchmarks/target/benchmarks.jar "$REGEX" "${DEFAULTS[@]}" \
  ${ARGS:+-jvmArgsAppend "$ARGS"} \
  -prof "async:libPath=$PWD/$LIB;output=text;event=$EVENT;dir=$PWD/$OUT" "${JMH_EXTRA[@]}"
echo "profiles (text summaries, hottest frames first): $OUT"
