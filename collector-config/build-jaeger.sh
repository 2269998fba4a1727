#!/usr/bin/env bash
# Builds Jaeger v2 from its Go module (github.com/jaegertracing/jaeger/cmd/jaeger v1.75.0,
# the commit of Jaeger v2.12.0) and prints the binary's path last.
#
#   collector-config/build-jaeger.sh [OUTPUT_DIR]
#
# Jaeger pins an older collector (v0.139.0) than otelcol-perf, so it builds in a Go module of
# its own (OUTPUT_DIR/module, made here with `go get -tool`). OUTPUT_DIR defaults to a
# per-user cache keyed by this script ($PERF_AGENT_CACHE, else ~/.cache/perf-agent), so a
# second run, a `mvn clean` or a fresh clone on the same machine reuses the binary. Needs Go
# and the Go module proxy. A cold build takes minutes on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jaeger_version=v1.75.0
key=$(sha256sum < "$here/build-jaeger.sh" | cut -c1-12)
out=${1:-${PERF_AGENT_CACHE:-$HOME/.cache/perf-agent}/jaeger-$jaeger_version-$key}
bin=$out/jaeger
if [ -x "$bin" ] && [ "$(cat "$out/.key" 2>/dev/null)" = "$key" ]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "build-jaeger.sh: Go is not installed (go not on PATH)" >&2; exit 2; }
rm -rf "$out/module" "$out/.key"
mkdir -p "$out/module"
start=$(date +%s)
cd "$out/module"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
go mod init perf-agent.local/jaeger-build >&2
go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$jaeger_version" >&2
go build -ldflags "-s -w" -o "$bin" github.com/jaegertracing/jaeger/cmd/jaeger >&2
echo "$key" > "$out/.key"
echo "build-jaeger.sh: built in $(( $(date +%s) - start )) s" >&2
echo "$bin"
