#!/usr/bin/env bash
# Start-up cost of stage rules (issue 17): the whole process of a small pipeline of
# unmodified libraries (integration-tests' CsvToJsonApp: Commons CSV reads 1,000 rows, Jackson
# writes them, once; it loads about 1,400 classes) under perf.jar with no rule, with 100 rules
# naming classes that never load (the cost every class pays for rules in force: its header
# read, and the class file header of each application super type read once), and with the
# same 100 rules plus the 7 of StagesByRuleIT that weave the pipeline. Also with no agent.
# N runs, configurations interleaved run by run; wall (start to exit) and CPU (user+sys) of the
# process, min / median, as markdown. Needs `mvn -B -q package -DskipTests` at the root first.
#
# usage: benchmarks/stages.sh [-n RUNS]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stages.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

JAVA=${JAVA:-java}
PERF_JAR=$ROOT/agent/target/perf.jar
IT=$ROOT/integration-tests/target
for f in "$PERF_JAR" "$IT/it-classpath.txt" "$IT/test-classes"; do
  [[ -e $f ]] || { echo "stages.sh: $f missing: run mvn -B -q package -DskipTests" >&2; exit 2; }
done
CP="$IT/test-classes:$(cat "$IT/it-classpath.txt")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 100 rules as a user might write them, for classes this program never loads
{
  for i in $(seq 1 100); do
    case $((i % 4)) in
      0) echo "com.acme.orders.gen.Handler$i#handle" ;;
      1) echo "com.acme.orders.gen.Codec$i#decode(byte[],int)[name=decode$i]" ;;
      2) echo "com.acme.orders.gen.Writer$i#write*" ;;
      3) echo "com.acme.orders.gen.Job$i#run[mode=SPAN,pipeline=job$i]" ;;
    esac
  done
} > "$WORK/rules100.txt"
cp "$WORK/rules100.txt" "$WORK/rules107.txt"
cat >> "$WORK/rules107.txt" <<'RULES'
io.perfagent.it.apps.CsvToJsonApp#convert[name=convert,pipeline=csv2json,mode=SPAN]
org.apache.commons.csv.CSVParser#nextRecord[name=csv.record]
java.util.Iterator#next
org.apache.commons.csv.CSVRecord#get(String)[name=csv.get]
com.fasterxml.jackson.databind.ObjectMapper#writeValue(java.io.File,java.lang.Object)[name=json.write]
com.fasterxml.jackson.core.JsonGenerator#writeEnd*
RULES

configs=(none perf perf-100 perf-100+pipeline)
declare -A walls cpus
run_one() {
  local config=$1 agent=()
  case $config in
    none) ;;
    perf) agent=("-javaagent:$PERF_JAR=summary=off,report=off") ;;
    perf-100) agent=("-javaagent:$PERF_JAR=summary=off,report=off,stages.file=$WORK/rules100.txt") ;;
    perf-100+pipeline) agent=("-javaagent:$PERF_JAR=summary=off,report=off,stages.file=$WORK/rules107.txt") ;;
  esac
  local t0 t1
  t0=$(date +%s%N)
  ( cd "$WORK" && /usr/bin/time -f "%U %S" -o "$WORK/time" "$JAVA" -Xshare:auto "${agent[@]}" \
      -cp "$CP" io.perfagent.it.apps.CsvToJsonApp 1000 1 >/dev/null 2>"$WORK/err" ) \
    || { cat "$WORK/err" >&2; exit 1; }
  t1=$(date +%s%N)
  walls[$config]+="$(( (t1 - t0) / 1000000 )) "
  cpus[$config]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/time") "
}

for r in $(seq 1 "$RUNS"); do
  for c in "${configs[@]}"; do
    run_one "$c"
  done
done

stat() { # min / median of the numbers given
  tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d / %d", a[1], m }'
}
median() { stat "$1" | awk -F' / ' '{print $2}'; }

echo "| config | wall ms | added wall (median) | CPU ms (user+sys) | added CPU (median) |"
echo "|---|---:|---:|---:|---:|"
for c in "${configs[@]}"; do
  added_wall="–"; added_cpu="–"
  if [[ $c == perf-* ]]; then
    added_wall=$(( $(median "${walls[$c]}") - $(median "${walls[perf]}") ))" ms vs perf"
    added_cpu=$(( $(median "${cpus[$c]}") - $(median "${cpus[perf]}") ))" ms vs perf"
  elif [[ $c == perf ]]; then
    added_wall=$(( $(median "${walls[perf]}") - $(median "${walls[none]}") ))" ms vs none"
    added_cpu=$(( $(median "${cpus[perf]}") - $(median "${cpus[none]}") ))" ms vs none"
  fi
  echo "| $c | $(stat "${walls[$c]}") | $added_wall | $(stat "${cpus[$c]}") | $added_cpu |"
done
echo
echo "$RUNS runs per configuration, interleaved; $(nproc) cores; load before: $(cut -d' ' -f1 /proc/loadavg)"
