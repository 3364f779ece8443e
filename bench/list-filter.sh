#!/usr/bin/env bash
# Benchmark: list and filter latency with 10,000 functions in one project, on H2 and PostgreSQL.
#   bench/list-filter.sh [FUNCTIONS] [REQUESTS]      (defaults 10000 and 1000)
# Starts a throwaway control plane per database on a free port, seeds it through the API, then
# measures sequential requests from one client. Prints Markdown tables for docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
functions=${1:-10000}
requests=${2:-1000}
[ -d "$root/control-plane/target/lib" ] || "$root/scripts/build.sh"

run_one() {
  local label=$1; shift
  local home port pid
  home=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env FATHOM_HOME="$home" FATHOM_PORT="$port" FATHOM_LOG_LEVEL=WARN "$@" "$root/bin/fathom" server >"$home/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    [ -s "$home/bootstrap-token" ] && curl -fs "http://127.0.0.1:$port/api/intelligence/functions/v1/openapi" >/dev/null && break
    sleep 0.5
  done
  "$JAVA_HOME/bin/java" "$root/bench/ListFilterBench.java" "http://127.0.0.1:$port" "$home/bootstrap-token" "$functions" "$requests" "$label" || { cat "$home/server.log"; kill "$pid"; exit 1; }
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
