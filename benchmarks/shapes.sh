#!/usr/bin/env bash
# Whole-process pipeline shapes (issue 16): ShapesMain's stream, plainloop, recordloop,
# vthreads and threads, each with no agent, with perf.jar (exit report on, as users run it)
# and, for vthreads and threads, with the upstream OpenTelemetry agent (@WithSpan on the same
# methods, exporters none). Per run: the program's own wall time of its workload (per round),
# peak RSS (/usr/bin/time), and perf.jar's exit line (calls reported vs made, spans dropped,
# runs). N runs, configurations interleaved run by run; min / median and the added cost per
# call or per thread, as markdown. See benchmarks/README.md.
#
# usage: benchmarks/shapes.sh [-n RUNS] [--only SHAPE[,SHAPE...]] [--otel-all] [--out FILE]
#                             [--keep DIR] [-- JVM_ARGS...]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
ONLY=""
OTEL_ALL=""
OUT=""
KEEP=""
JVM_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --otel-all) OTEL_ALL=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --) shift; JVM_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "shapes.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

JAVA=${JAVA:-java}
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
PERF_JAR=${PERF_AGENT_JAR:-$ROOT/benchmarks/target/agents/perf.jar}
OTEL_JAR=${OTEL_AGENT_JAR:-$ROOT/benchmarks/target/agents/otel-javaagent.jar}
TIME=/usr/bin/time
MAIN=io.perfagent.benchmarks.process.ShapesMain
for f in "$BENCH_JAR" "$PERF_JAR" "$OTEL_JAR"; do
  [[ -f $f ]] || { echo "shapes.sh: missing $f (build: mvn -B package -DskipTests)" >&2; exit 1; }
done
[[ -x $TIME ]] || { echo "shapes.sh: $TIME missing (apt-get install -y time)" >&2; exit 1; }
PERF_JAR=$(cd "$(dirname "$PERF_JAR")" && pwd)/$(basename "$PERF_JAR")
OTEL_JAR=$(cd "$(dirname "$OTEL_JAR")" && pwd)/$(basename "$OTEL_JAR")

# The feature version of a java launcher (17, 21, 25...), or 0.
java_feature() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1] + 0; exit }' || echo 0
}

# vthreads needs JDK 21+: $JAVA21, else $JAVA if it is one, else the newest under /usr/lib/jvm.
find_java21() {
  if [[ -n ${JAVA21:-} ]]; then echo "$JAVA21"; return; fi
  if [[ $(java_feature "$JAVA") -ge 21 ]]; then echo "$JAVA"; return; fi
  local best="" best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [[ -x $j ]] || continue
    v=$(java_feature "$j")
    if [[ $v -ge 21 && $v -gt $best_v ]]; then best=$j; best_v=$v; fi
  done
  echo "$best"
}

SHAPES=(stream plainloop recordloop vthreads threads)
[[ -n $ONLY ]] && IFS=, read -r -a SHAPES <<<"$ONLY"
JAVA21=$(find_java21)
if [[ " ${SHAPES[*]} " == *" vthreads "* && -z $JAVA21 ]]; then
  echo "shapes.sh: no JDK 21+ found (set JAVA21=/path/to/java); skipping vthreads" >&2
  SHAPES=("${SHAPES[@]/vthreads/}")
fi

declare -A AGENT=(
  [none]=""
  [perf]="-javaagent:$PERF_JAR"
  [otel]="-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none"
)

configs_for() {
  case "$1" in
    vthreads|threads) echo none perf otel ;;
    *) if [[ -n $OTEL_ALL ]]; then echo none perf otel; else echo none perf; fi ;;
  esac
}

java_for() { if [[ $1 == vthreads ]]; then echo "$JAVA21"; else echo "$JAVA"; fi; }

WORK=${KEEP:-$(mktemp -d /tmp/perf-shapes.XXXXXX)}
mkdir -p "$WORK"
trap '[[ -n $KEEP ]] || rm -rf "$WORK"' EXIT

# shape config "extra jvm args" [program args...]: the command line
command_for() {
  local shape=$1 config=$2 extra=$3; shift 3
  # shellcheck disable=SC2206
  local agent=(${AGENT[$config]} $extra)
  echo "$(java_for "$shape")" "${agent[@]}" "${JVM_ARGS[@]}" -cp "$BENCH_JAR" "$MAIN" "$shape" "$@"
}

# Before timing: perf.jar reports a shape's stage, and the upstream agent weaves @WithSpan.
verify() {
  local dir=$WORK/verify; mkdir -p "$dir"
  (cd "$dir" && $(command_for plainloop perf -Dperf.report=off 1000 1) >/dev/null 2>perf.err) || true
  (cd "$dir" && $(command_for plainloop otel -Dotel.traces.exporter=console 100 1) \
    >/dev/null 2>otel.err) || true
  if ! grep -q 'perf-agent.*shapes.plainloop.record' "$dir/perf.err"; then
    echo "shapes.sh: perf.jar did not report shapes.plainloop.record:" >&2; cat "$dir/perf.err" >&2
    exit 1
  fi
  if ! grep -q "'shapes.plainloop.record'" "$dir/otel.err"; then
    echo "shapes.sh: the upstream agent did not weave @WithSpan:" >&2; cat "$dir/otel.err" >&2
    exit 1
  fi
  echo "verified: perf.jar reports shapes.plainloop.record; upstream exports span 'shapes.plainloop.record'"
}

# Sum of the exit summary's calls column over the shape's stages, parents and roots left out.
reported_calls() {
  awk -v p="shapes.$2." '
    $1 == "[perf-agent]" && index($2, p) == 1 && $2 !~ /\.(parent|root)$/ && $3 ~ /^[0-9]+$/ {
      if (!seen[$2]++) s += $3 }
    END { print s + 0 }' "$1"
}

# shape config run: appends to $WORK/shape.config.tsv "run round wall_ns calls threads rss_kb
# process_ms main_cpu_ns" (one line per round) and, for perf, to shape.perf.agent.tsv "run reported made
# spans_dropped records_dropped folded_dropped contexts_dropped late_folds runs".
measure() {
  local shape=$1 config=$2 run=$3
  local dir=$WORK/$shape.$config.$run; mkdir -p "$dir"
  local cmd; cmd=$(command_for "$shape" "$config" "")
  local t0 t1 status=0
  t0=$(date +%s%3N)
  (cd "$dir" && $TIME -f '%e %U %S %M' -o time.txt $cmd >out.txt 2>err.txt) || status=$?
  t1=$(date +%s%3N)
  if [[ $status -ne 0 ]]; then
    echo "shapes.sh: $shape/$config run $run failed ($status); see $dir" >&2; KEEP=$WORK; exit 1
  fi
  local rss; rss=$(tail -1 "$dir/time.txt" | awk '{ print $4 }')
  awk -v run="$run" -v rss="$rss" -v ms=$((t1 - t0)) '/^shapes: / {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      print run, f["round"], f["wall_ns"], f["calls"], f["threads"], rss, ms, f["main_cpu_ns"] }' \
    "$dir/out.txt" >>"$WORK/$shape.$config.tsv"
  local walls; walls=$(awk '/^shapes: / { for (i = 2; i <= NF; i++) if ($i ~ /^wall_ns=/) {
      sub(/wall_ns=/, "", $i); printf "%s%.1f", sep, $i / 1e6; sep = "/" } }' "$dir/out.txt")
  local extra=""
  if [[ $config == perf ]]; then
    local e=$dir/err.txt made
    made=$(awk '/^shapes: / { for (i = 2; i <= NF; i++) if ($i ~ /^calls=/) { sub(/calls=/, "", $i); s += $i } }
      END { print s + 0 }' "$dir/out.txt")
    local reported; reported=$(reported_calls "$e" "$shape")
    local spans; spans=$( (grep -m1 -o 'note: [0-9]* spans were dropped' "$e" || true) | awk '{ print $2 }')
    local drop; drop=$(grep -m1 '^\[perf-agent\] dropped:' "$e" || true)
    local recs fold ctxs late
    recs=$(sed -n 's/.*dropped: \([0-9]*\) records.*/\1/p' <<<"$drop")
    fold=$(sed -n 's/.* \([0-9]*\) folded calls.*/\1/p' <<<"$drop")
    ctxs=$(sed -n 's/.* \([0-9]*\) task contexts.*/\1/p' <<<"$drop")
    late=$(sed -n 's/.* \([0-9]*\) late folds.*/\1/p' <<<"$drop")
    local runs; runs=$( (grep -o '^\[perf-agent\] pipeline [^,]*, [0-9]* runs\{0,1\}' "$e" || true) \
      | awk '{ s += $(NF - 1) } END { print s + 0 }')
    echo "$run $reported $made ${spans:-0} ${recs:-0} ${fold:-0} ${ctxs:-0} ${late:-0} $runs" \
      >>"$WORK/$shape.perf.agent.tsv"
    extra=", calls reported $reported of $made, spans dropped ${spans:-0}, runs $runs"
  fi
  printf '  %-10s %-5s run %d: wall %s ms, rss %7d KB, process %6d ms%s\n' \
    "$shape" "$config" "$run" "$walls" "$rss" $((t1 - t0)) "$extra"
}

# Reads numbers on stdin: "min median max".
stats() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "0 0 0"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print v[1], m, v[NR] }'
}
# file column [round]: values of that column (over every round, or one round)
col() { awk -v c="$2" -v r="${3:-}" 'r == "" || $2 == r { print $c }' "$1"; }
# file [column]: each run's median over its rounds of the wall (3, default) or main CPU (8), ns
run_medians() {
  local f=$1 c=${2:-3} run
  for run in $(awk '{ print $1 }' "$f" | sort -un); do
    awk -v r="$run" -v c="$c" '$1 == r { print $c }' "$f" | stats | cut -d' ' -f2
  done
}
med() { stats | cut -d' ' -f2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "java: $("$JAVA" -version 2>&1 | head -1); vthreads java: ${JAVA21:-none}"\
  "($([[ -n $JAVA21 ]] && "$JAVA21" -version 2>&1 | head -1))"
echo "runs: $RUNS; shapes: ${SHAPES[*]}; extra JVM args: ${JVM_ARGS[*]:-none}"
verify
START=$(date +%s)
for run in $(seq 1 "$RUNS"); do
  for shape in "${SHAPES[@]}"; do
    [[ -n $shape ]] || continue
    for config in $(configs_for "$shape"); do
      measure "$shape" "$config" "$run"
    done
  done
done

report() {
  echo "## Pipeline shapes ($RUNS JVMs per configuration, interleaved; min / median; $(($(date +%s) - START)) s in all)"
  echo
  echo "Wall: the program's own timing of its workload (JVM start and exit work excluded; min over"
  echo "every round, median of each JVM's median round). Main CPU: the main thread's CPU time over"
  echo "the same rounds (one-thread shapes only): what the calls cost that thread, without the time"
  echo "a busy machine, the agent's threads or the JIT's kept it off a core. Peak RSS: /usr/bin/time"
  echo "%M of the whole process."
  echo
  echo "| shape | config | calls | wall ms | added (wall) | main CPU ms | added (main CPU) | peak RSS MB | added RSS MB |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local shape config
  for shape in "${SHAPES[@]}"; do
    [[ -n $shape ]] || continue
    local nf=$WORK/$shape.none.tsv
    local calls threads; calls=$(head -1 "$nf" | awk '{ print $4 }'); threads=$(head -1 "$nf" | awk '{ print $5 }')
    local nwall nrss ncpu; nwall=$(run_medians "$nf" | med); nrss=$(col "$nf" 6 1 | med)
    ncpu=$(run_medians "$nf" 8 | med)
    for config in $(configs_for "$shape"); do
      local f=$WORK/$shape.$config.tsv
      read -r wmin _ _ < <(col "$f" 3 | stats)
      local wmed; wmed=$(run_medians "$f" | med)
      read -r rmin rmed _ < <(col "$f" 6 1 | stats)
      local added="–" addrss="–" cpu="–" addcpu="–"
      if [[ $shape != vthreads && $shape != threads ]]; then
        local pcpu; pcpu=$(run_medians "$f" 8 | med)
        cpu=$(awk -v v="$pcpu" 'BEGIN { printf "%.1f", v / 1e6 }')
        if [[ $config != none ]]; then
          addcpu=$(awk -v p="$pcpu" -v n="$ncpu" -v c="$calls" -v s="$shape" 'BEGIN {
            if (s == "recordloop") printf "%+.1f %% (%+.1f ns/call)", (p / n - 1) * 100, (p - n) / c
            else printf "%+.1f ns/call", (p - n) / c }')
        fi
      fi
      if [[ $config != none ]]; then
        added=$(awk -v p="$wmed" -v n="$nwall" -v c="$calls" -v t="$threads" -v s="$shape" 'BEGIN {
          if (s == "vthreads" || s == "threads")
            printf "%+.1f %% (%+.2f µs/thread)", (p / n - 1) * 100, (p - n) / t / 1000
          else if (s == "recordloop") printf "%+.1f %% (%+.1f ns/call)", (p / n - 1) * 100, (p - n) / c
          else printf "%+.1f ns/call", (p - n) / c }')
        addrss=$(awk -v p="$rmed" -v n="$nrss" 'BEGIN { printf "%+.1f", (p - n) / 1024 }')
      fi
      printf '| %s | %s | %s | %.1f / %.1f | %s | %s | %s | %.0f / %.0f | %s |\n' "$shape" "$config" "$calls" \
        "$(awk -v v="$wmin" 'BEGIN { print v / 1e6 }')" "$(awk -v v="$wmed" 'BEGIN { print v / 1e6 }')" \
        "$added" "$cpu" "$addcpu" "$(awk -v v="$rmin" 'BEGIN { print v / 1024 }')" \
        "$(awk -v v="$rmed" 'BEGIN { print v / 1024 }')" "$addrss"
    done
  done
  if [[ " ${SHAPES[*]} " == *" plainloop "* ]]; then
    local nf=$WORK/plainloop.none.tsv pf=$WORK/plainloop.perf.tsv
    local calls; calls=$(head -1 "$nf" | awk '{ print $4 }')
    echo
    echo "plainloop by round (added ns/call = median perf round - median none round, over calls;"
    echo "per JVM: that JVM's round less the none median of the same round):"
    echo
    echo "| round | none ms (median) | perf ms (min / median / max) | added ns/call (median) | added ns/call per JVM | added main-CPU ns/call (median) | per JVM |"
    echo "|---:|---:|---:|---:|---|---:|---|"
    local r
    for r in $(awk '{ print $2 }' "$nf" | sort -un); do
      local n; n=$(col "$nf" 3 "$r" | med)
      read -r pmin pmed pmax < <(col "$pf" 3 "$r" | stats)
      local per; per=$(col "$pf" 3 "$r" | awk -v n="$n" -v c="$calls" '{ printf "%s%.1f", sep, ($1 - n) / c; sep = ", " }')
      local nc pc; nc=$(col "$nf" 8 "$r" | med); pc=$(col "$pf" 8 "$r" | med)
      local perc; perc=$(col "$pf" 8 "$r" | awk -v n="$nc" -v c="$calls" '{ printf "%s%.1f", sep, ($1 - n) / c; sep = ", " }')
      awk -v n="$n" -v a="$pmin" -v m="$pmed" -v x="$pmax" -v c="$calls" -v r="$r" -v per="$per" \
        -v nc="$nc" -v pc="$pc" -v perc="$perc" 'BEGIN {
        printf "| %d | %.1f | %.1f / %.1f / %.1f | %+.1f | %s | %+.1f | %s |\n", r, n / 1e6, a / 1e6, m / 1e6,
          x / 1e6, (m - n) / c, per, (pc - nc) / c, perc }'
    done
    local nmed pmed ncm pcm; nmed=$(run_medians "$nf" | med); pmed=$(run_medians "$pf" | med)
    ncm=$(run_medians "$nf" 8 | med); pcm=$(run_medians "$pf" 8 | med)
    awk -v n="$nmed" -v p="$pmed" -v c="$calls" -v nc="$ncm" -v pc="$pcm" 'BEGIN {
      printf "\nMedian over JVMs of each JVM'"'"'s median round: wall none %.1f ms, perf %.1f ms: %+.1f ns/call;",
        n / 1e6, p / 1e6, (p - n) / c
      printf " main CPU none %.1f ms, perf %.1f ms: %+.1f ns/call.\n", nc / 1e6, pc / 1e6, (pc - nc) / c }'
  fi
  echo
  echo "perf.jar's exit line (median over the perf runs; calls: the per-record stages' calls in"
  echo "the exit summary's table, against the calls the program made):"
  echo
  echo "| shape | calls reported / made | spans dropped | records dropped | folded calls dropped | task contexts dropped | late folds | runs |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for shape in "${SHAPES[@]}"; do
    [[ -n $shape ]] || continue
    local af=$WORK/$shape.perf.agent.tsv
    printf '| %s | %s / %s | %s | %s | %s | %s | %s | %s |\n' "$shape" \
      "$(col "$af" 2 | med)" "$(col "$af" 3 | med)" "$(col "$af" 4 | med)" "$(col "$af" 5 | med)" \
      "$(col "$af" 6 | med)" "$(col "$af" 7 | med)" "$(col "$af" 8 | med)" "$(col "$af" 9 | med)"
  done
}
echo
report | tee "${OUT:-/dev/null}"
