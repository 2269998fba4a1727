#!/usr/bin/env bash
# Whole-process measurements: the demo pipeline and a hello-world, with no agent, with perf.jar
# (exit report on, as users run it, and off) and with the upstream OpenTelemetry agent
# (exporters none). For each: wall time, JVM start-to-main time, process CPU time (user+sys)
# and peak RSS, over N runs (configurations interleaved, run by run), then min/median and the
# ratios that issue 6 sets targets for. See benchmarks/README.md.
#
# usage: benchmarks/run.sh [-n RUNS] [--records N | --default-size] [--only hello|demo]
#                          [--out FILE] [--keep DIR]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
RECORDS=500000
ONLY=""
OUT=""
KEEP=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    --records) RECORDS=$2; shift 2 ;;
    --default-size) RECORDS=""; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

JAVA=${JAVA:-java}
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
PERF_JAR=${PERF_AGENT_JAR:-$ROOT/benchmarks/target/agents/perf.jar}
OTEL_JAR=${OTEL_AGENT_JAR:-$ROOT/benchmarks/target/agents/otel-javaagent.jar}
DEMO_JAR=$ROOT/demo-pipeline/target/perf-demo.jar
TIME=/usr/bin/time
for f in "$BENCH_JAR" "$PERF_JAR" "$OTEL_JAR" "$DEMO_JAR"; do
  [[ -f $f ]] || { echo "run.sh: missing $f (build: mvn -B package -DskipTests)" >&2; exit 1; }
done
[[ -x $TIME ]] || { echo "run.sh: $TIME missing (apt-get install -y time)" >&2; exit 1; }
PERF_JAR=$(cd "$(dirname "$PERF_JAR")" && pwd)/$(basename "$PERF_JAR")
OTEL_JAR=$(cd "$(dirname "$OTEL_JAR")" && pwd)/$(basename "$OTEL_JAR")

CONFIGS=(none perf perf-noreport otel)
declare -A AGENT=(
  [none]=""
  [perf]="-javaagent:$PERF_JAR"
  [perf-noreport]="-javaagent:$PERF_JAR -Dperf.report=off -Dperf.summary=off"
  [otel]="-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none"
)
DEMO_ARGS=()
[[ -n $RECORDS ]] && DEMO_ARGS=(--records "$RECORDS")
PROGRAMS=(hello demo)
[[ -n $ONLY ]] && PROGRAMS=("$ONLY")

WORK=${KEEP:-$(mktemp -d /tmp/perf-run.XXXXXX)}
mkdir -p "$WORK"
trap '[[ -n $KEEP ]] || rm -rf "$WORK"' EXIT

# program config [extra jvm args...]: the command line
command_for() {
  local program=$1 config=$2; shift 2
  # shellcheck disable=SC2206
  local agent=(${AGENT[$config]})
  case "$program" in
    hello) echo "$JAVA" "${agent[@]}" "$@" -cp "$BENCH_JAR" io.perfagent.benchmarks.process.HelloMain ;;
    demo) echo "$JAVA" "${agent[@]}" "$@" -cp "$DEMO_JAR:$BENCH_JAR" \
      io.perfagent.benchmarks.process.MainTimer io.perfagent.demo.DemoMain "${DEMO_ARGS[@]}" ;;
  esac
}

# Before timing: each agent really weaves the hello-world's stage (perf: its summary names it;
# upstream: the console exporter prints the @WithSpan span).
verify() {
  local dir=$WORK/verify; mkdir -p "$dir"
  (cd "$dir" && $(command_for hello perf -Dperf.report=off) >/dev/null 2>perf.err) || true
  (cd "$dir" && $(command_for hello otel -Dotel.traces.exporter=console) >/dev/null 2>otel.err) || true
  if ! grep -q 'perf-agent.*hello' "$dir/perf.err"; then
    echo "run.sh: perf.jar did not report the hello.greet stage:" >&2; cat "$dir/perf.err" >&2; exit 1
  fi
  if ! grep -q "'hello.greet'" "$dir/otel.err"; then
    echo "run.sh: the upstream agent did not weave @WithSpan:" >&2; cat "$dir/otel.err" >&2; exit 1
  fi
  echo "verified: perf.jar reports stage hello.greet; upstream exports span 'hello.greet'"
}

# program config run: appends "wall_ms start_ms cpu_ms rss_kb" to $WORK/program.config.tsv
measure() {
  local program=$1 config=$2 run=$3
  local dir=$WORK/$program.$config.$run; mkdir -p "$dir"
  local cmd; cmd=$(command_for "$program" "$config")
  local t0 t1 status=0
  t0=$(date +%s%3N)
  (cd "$dir" && $TIME -f '%e %U %S %M' -o time.txt $cmd >out.txt 2>err.txt) || status=$?
  t1=$(date +%s%3N)
  if [[ $status -ne 0 ]]; then
    echo "run.sh: $program/$config run $run failed ($status); see $dir" >&2; KEEP=$WORK; exit 1
  fi
  local entry; entry=$(grep -m1 '^main-entry-ms=' "$dir/err.txt" | cut -d= -f2)
  read -r _ user sys rss < <(tail -1 "$dir/time.txt")
  local cpu; cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
  echo "$((t1 - t0)) $((entry - t0)) $cpu $rss" >>"$WORK/$program.$config.tsv"
  printf '  %-5s %-13s run %d: wall %6d ms, to main %5d ms, cpu %6d ms, rss %7d KB\n' \
    "$program" "$config" "$run" $((t1 - t0)) $((entry - t0)) "$cpu" "$rss"
}

# file column: "min median"
stats() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d %d\n", v[1], m }'
}
median() { stats "$1" "$2" | cut -d' ' -f2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "java: $("$JAVA" -version 2>&1 | head -1); runs: $RUNS; demo: ${RECORDS:-default} records"
verify
START=$(date +%s)
for run in $(seq 1 "$RUNS"); do
  for program in "${PROGRAMS[@]}"; do
    for config in "${CONFIGS[@]}"; do
      measure "$program" "$config" "$run"
    done
  done
done

report() {
  echo "## Whole-process figures ($RUNS runs each, min / median; $(($(date +%s) - START)) s in all)"
  echo
  echo "| program | config | wall ms | start-to-main ms | CPU ms (user+sys) | peak RSS MB |"
  echo "|---|---|---:|---:|---:|---:|"
  for program in "${PROGRAMS[@]}"; do
    for config in "${CONFIGS[@]}"; do
      local f=$WORK/$program.$config.tsv
      read -r wmin wmed < <(stats "$f" 1)
      read -r smin smed < <(stats "$f" 2)
      read -r cmin cmed < <(stats "$f" 3)
      read -r rmin rmed < <(stats "$f" 4)
      printf '| %s | %s | %d / %d | %d / %d | %d / %d | %.0f / %.0f |\n' "$program" "$config" \
        "$wmin" "$wmed" "$smin" "$smed" "$cmin" "$cmed" \
        "$(awk -v k="$rmin" 'BEGIN { print k / 1024 }')" "$(awk -v k="$rmed" 'BEGIN { print k / 1024 }')"
    done
  done
  echo
  echo "## Ratios (medians)"
  echo
  if [[ " ${PROGRAMS[*]} " == *" hello "* ]]; then
    local n p q o
    for col in 2 4; do
      n=$(median "$WORK/hello.none.tsv" $col); o=$(median "$WORK/hello.otel.tsv" $col)
      for config in perf perf-noreport; do
        p=$(median "$WORK/hello.$config.tsv" $col)
        awk -v n="$n" -v p="$p" -v o="$o" -v col="$col" -v cfg="$config" 'BEGIN {
          what = col == 2 ? "start-to-main" : "peak RSS"; unit = col == 2 ? "ms" : "MB";
          div = col == 2 ? 1 : 1024; target = col == 2 ? 1 / 3 : 1 / 2;
          ap = (p - n) / div; ao = (o - n) / div; r = ao > 0 ? ap / ao : 0;
          printf "- hello %s added by %s: %.1f %s vs upstream %.1f %s: ratio %.3f (target <= %.2f: %s)\n",
            what, cfg, ap, unit, ao, unit, r, target, r <= target ? "met" : "NOT met" }'
      done
    done
  fi
  if [[ " ${PROGRAMS[*]} " == *" demo "* ]]; then
    local n; n=$(median "$WORK/demo.none.tsv" 1)
    for config in perf perf-noreport otel; do
      local p; p=$(median "$WORK/demo.$config.tsv" 1)
      awk -v n="$n" -v p="$p" -v cfg="$config" 'BEGIN {
        o = (p / n - 1) * 100;
        printf "- demo wall under %s: %d ms vs %d ms with no agent: %+.1f %%%s\n", cfg, p, n, o,
          cfg ~ /^perf/ ? sprintf(" (target <= 3 %%: %s)", o <= 3 ? "met" : "NOT met") : "" }'
    done
  fi
}
echo
report | tee "${OUT:-/dev/null}"
