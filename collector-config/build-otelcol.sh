#!/usr/bin/env bash
# Builds otelcol-perf, the slim OpenTelemetry Collector of builder-config.yaml, with the
# OpenTelemetry Collector Builder at the same release, and prints the binary's path last.
#
#   collector-config/build-otelcol.sh [OUTPUT_DIR]
#
# OUTPUT_DIR defaults to a per-user cache keyed by this script and the manifest
# (${PERF_AGENT_CACHE:-~/.cache/perf-agent}/otelcol-perf-<key>), so a second run, a
# `mvn clean` or a fresh clone on the same machine reuses the binary; Go's module and build
# caches make even a rebuild with another key quicker. Needs Go (1.25 or newer) and the
# Go module proxy. A cold build takes minutes on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
builder_version=v0.161.0
key=$(cat "$here/builder-config.yaml" "$here/build-otelcol.sh" | sha256sum | cut -c1-12)
out=${1:-${PERF_AGENT_CACHE:-$HOME/.cache/perf-agent}/otelcol-perf-$key}
bin=$out/otelcol-perf
if [ -x "$bin" ] && [ "$(cat "$out/.key" 2>/dev/null)" = "$key" ]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "build-otelcol.sh: Go is not installed (go not on PATH)" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out/.key"
start=$(date +%s)
# the manifest with output_path pointing at $out (the builder's --output-path is deprecated)
sed "s|^  output_path: .*|  output_path: $out|" "$here/builder-config.yaml" > "$out/builder-config.yaml"
# -buildvcs=false: the generated sources sit in no repository of their own
GOFLAGS="${GOFLAGS:--buildvcs=false}" go run "go.opentelemetry.io/collector/cmd/builder@$builder_version" \
  --config "$out/builder-config.yaml" >&2
"$bin" --version >&2
echo "$key" > "$out/.key"
echo "build-otelcol.sh: built in $(( $(date +%s) - start )) s" >&2
echo "$bin"
