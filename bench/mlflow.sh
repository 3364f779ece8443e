#!/usr/bin/env bash
# Benchmark: MLflow tracking on H2 and PostgreSQL - log-batch throughput (batches of 1,000
# metrics, one client and 4 concurrent clients) and search-runs latency with RUNS runs in one
# experiment (a filter on a metric with order_by), against GET /whoami as the baseline.
#   bench/mlflow.sh [RUNS] [BATCHES] [SEARCHES]      (defaults 10000, 50 and 300)
# Builds the control plane into $FATHOM_TARGET (default target) if needed, starts a throwaway
# server per database on a free port and drives it with bench/MlflowBench.java. Prints Markdown
# tables for docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
runs=${1:-10000}
batches=${2:-50}
searches=${3:-300}
target="$root/control-plane/${FATHOM_TARGET:-target}"
if ! ls "$target"/control-plane-*.jar >/dev/null 2>&1 || [ ! -d "$target/lib" ]; then
  (cd "$root" && ./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -pl control-plane -am package \
    -Dfathom.target="${FATHOM_TARGET:-target}")
fi
jar=$(ls "$target"/control-plane-*.jar | grep -v -e '-sources' -e '-tests' | head -n1)

run_one() {
  local label=$1; shift
  local home port pid
  home=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env FATHOM_HOME="$home" FATHOM_PORT="$port" FATHOM_LOG_LEVEL=WARN "$@" \
    "$JAVA_HOME/bin/java" -cp "$jar:$target/lib/*" io.fathom.controlplane.Application >"$home/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    [ -s "$home/bootstrap-token" ] && curl -fs "http://127.0.0.1:$port/api/intelligence/functions/v1/openapi" >/dev/null && break
    sleep 0.5
  done
  "$JAVA_HOME/bin/java" "$root/bench/MlflowBench.java" "http://127.0.0.1:$port" "$home/bootstrap-token" \
    "$runs" "$batches" "$searches" "$label" || { tail -50 "$home/server.log"; kill "$pid"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$home"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
run_one "H2"
"$root/scripts/postgres.sh" start >/dev/null
db="fathom_bench_$$"
PGPASSWORD=fathom psql -h 127.0.0.1 -p "${FATHOM_TEST_PG_PORT:-55432}" -U postgres -qc "create database $db owner fathom"
run_one "PostgreSQL" FATHOM_DB_URL="jdbc:postgresql://127.0.0.1:${FATHOM_TEST_PG_PORT:-55432}/$db" FATHOM_DB_USER=fathom FATHOM_DB_PASSWORD=fathom FATHOM_DB_DIALECT=POSTGRES
PGPASSWORD=fathom psql -h 127.0.0.1 -p "${FATHOM_TEST_PG_PORT:-55432}" -U postgres -qc "drop database $db with (force)"
