#!/usr/bin/env bash
# Benchmark: what each kind's runtime adds to a trivial call (issue 3).
#   bench/runtime-overhead.sh [SECONDS]          (default 10: seconds per measured run)
#
# Per kind (python310, go124, rust189, jvm21; rust186 shares rust189's runtime and build), the
# conformance fixture's echo action ({"action":"echo","value":1} -> {"value":1}) is called
#   - over HTTP on loopback: templates/<kind>/scaffolding/local.sh serves the fixture on a free
#     port, wrk sends POST /invoke (bench/runtime/wrk-invoke.lua) at -t1 -c1 and -t2 -c16, each run
#     after a warm-up of the same shape;
#   - in-process: the same handler called in a loop in its own language (bench/runtime/<lang>),
#     1 and 16 callers (threads; goroutines in Go), each run after a warm-up.
# Prints Markdown tables (stdout) for docs/benchmarks.md; progress goes to stderr.
#
# Settings: FATHOM_BENCH_WARMUP (seconds, default 3), FATHOM_BENCH_KINDS (default all four),
# FATHOM_BENCH_WORK (build cache, kept between runs so that reruns skip the Rust and Go builds;
# default ${TMPDIR:-/tmp}/fathom-bench-runtime-$UID). Runners, their logs and temporary files are
# removed on exit. Needs wrk (installed with apt when missing), go, cargo, a JDK 21+, python3.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"

seconds=${1:-10}
warmup=${FATHOM_BENCH_WARMUP:-3}
kinds=${FATHOM_BENCH_KINDS:-python310 go124 rust189 jvm21}
work=${FATHOM_BENCH_WORK:-${TMPDIR:-/tmp}/fathom-bench-runtime-$(id -u)}
bench=$root/bench/runtime
fixtures=$root/conformance/fixtures
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)

mkdir -p "$work"
run_dir=$(mktemp -d)
runner_pid=

stop_runner() {
  [ -n "$runner_pid" ] || return 0
  # The runner is its own process group (setsid): TERM reaches local.sh and the server it started.
  kill -TERM -- "-$runner_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$runner_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$runner_pid" 2>/dev/null || true
  wait "$runner_pid" 2>/dev/null || true
  runner_pid=
}
cleanup() {
  stop_runner
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "runtime-overhead: $*" >&2; }
die() {
  say "$*"
  exit 1
}

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# --- tools --------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || fathom_apt_install wrk
command -v curl >/dev/null 2>&1 || fathom_apt_install curl
fathom_use_java
. "$root/templates/rust189/scaffolding/cargo-env.sh"
fathom_pick_cargo
command -v go >/dev/null 2>&1 || die "go is not installed; run scripts/toolchains.sh"

# --- in-process harnesses -----------------------------------------------------------------------
build_go() {
  local dir=$work/go
  mkdir -p "$dir"
  cp "$bench/go/main.go" "$dir/main.go"
  cat >"$dir/go.mod" <<GOMOD
module fathom.bench/inprocess

go 1.19

require (
	fathom.dev/sdk v0.0.0
	fathom.local/function v0.0.0
)

replace fathom.local/function => $fixtures/go124

replace fathom.dev/sdk => $root/templates/go124/scaffolding/fathom
GOMOD
  (cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOWORK=off \
    go build -trimpath -o "$dir/inprocess" .) >&2
}

build_rust() {
  local dir=$work/rust
  fathom_cargo_config "$dir"
  fathom_copy_function "$fixtures/rust189" "$dir/app"
  rm -rf "$dir/bench"
  mkdir -p "$dir/bench"
  cp -R "$bench/rust/Cargo.toml" "$bench/rust/src" "$dir/bench/"
  (cd "$dir/bench" && CARGO_TARGET_DIR="$dir/target" "$CARGO" build --offline --release -q) >&2
  cp "$dir/target/release/inprocess" "$dir/inprocess"
}

jvm_runtime() {
  local dir=$root/runtime-jvm/target
  if ! ls "$dir"/runtime-jvm-*.jar >/dev/null 2>&1 || [ ! -d "$dir/lib" ]; then
    say "building runtime-jvm"
    (cd "$root" && ./mvnw -q -pl runtime-jvm -DskipTests package) >&2
  fi
  ls "$dir"/runtime-jvm-*.jar | grep -v -e '-sources' -e '-tests' -e '-javadoc' | head -n 1
}

build_jvm() {
  local dir=$work/jvm jar
  jar=$(jvm_runtime)
  rm -rf "$dir/classes"
  mkdir -p "$dir/classes"
  "$JAVA_HOME/bin/javac" -nowarn -d "$dir/classes" -cp "$jar:$(dirname "$jar")/lib/*" \
    "$fixtures/jvm21/src/main/java/com/example/fixture/Handler.java" "$bench/jvm/InProcessBench.java" >&2
  echo "$dir/classes:$jar:$(dirname "$jar")/lib/*" >"$dir/classpath"
}

# Runs one kind's in-process harness; its lines are "MODE CALLERS P50_NS CALLS_PER_SECOND".
inprocess() {
  case $1 in
    python310)
      PYTHONPATH="$root/runtime-python-shim/src" "$python" "$bench/python/inprocess.py" \
        "$fixtures/python310" "$seconds" "$warmup"
      ;;
    go124) "$work/go/inprocess" "$seconds" "$warmup" ;;
    rust189) "$work/rust/inprocess" "$seconds" "$warmup" ;;
    jvm21) "$JAVA_HOME/bin/java" -cp "$(cat "$work/jvm/classpath")" InProcessBench "$seconds" "$warmup" ;;
  esac
}

# --- HTTP ---------------------------------------------------------------------------------------
start_runner() {
  local kind=$1 port=$2 log=$3 i
  shift 3
  # FATHOM_DRAIN_SECONDS only shortens the stop; every other setting is the runtime's default.
  setsid env "$@" PORT="$port" FATHOM_DRAIN_SECONDS=2 \
    "$root/templates/$kind/scaffolding/local.sh" "$fixtures/$kind" "$work/http-$kind" >"$log" 2>&1 &
  runner_pid=$!
  for i in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/_/ready" 2>/dev/null)" = 200 ]; then
      return 0
    fi
    kill -0 "$runner_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "$kind did not become ready on port $port (log above)"
}

# Runs wrk; prints "P50_US P99_US REQUESTS_PER_SECOND NON_2XX ERRORS".
wrk_run() {
  local port=$1 threads=$2 connections=$3 duration=$4
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$bench/wrk-invoke.lua" \
    "http://127.0.0.1:$port/invoke" | awk '
      function us(v) {
        if (v ~ /us$/) { sub(/us$/, "", v); return v + 0 }
        if (v ~ /ms$/) { sub(/ms$/, "", v); return v * 1000 }
        if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000000 }
        return -1
      }
      $1 == "50%" { p50 = us($2) }
      $1 == "99%" { p99 = us($2) }
      $1 == "Requests/sec:" { rps = $2 }
      /Non-2xx or 3xx responses:/ { bad = $NF }
      /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
      END { printf "%.1f %.1f %.0f %d %d\n", p50, p99, rps, bad, errors }'
}

# http KIND ROW [VAR=VALUE...]: serves the kind's fixture with local.sh (extra environment given)
# and measures it with wrk; prints "http CALLERS P50_US P99_US REQUESTS_PER_SECOND NON_2XX ERRORS".
http() {
  local kind=$1 row=$2 port log body line
  shift 2
  port=$(free_port)
  log=$run_dir/$row.log
  say "$row: starting local.sh on port $port"
  start_runner "$kind" "$port" "$log" "$@"
  body=$(curl -s -X POST -d '{"action":"echo","value":1}' "http://127.0.0.1:$port/invoke")
  [ "$body" = '{"value":1}' ] || die "$kind answered $body to the echo call"
  say "$row: wrk c=1"
  wrk_run "$port" 1 1 "$warmup" >/dev/null
  line=$(wrk_run "$port" 1 1 "$seconds")
  echo "http 1 $line"
  say "$row: wrk c=16"
  wrk_run "$port" 2 16 "$warmup" >/dev/null
  line=$(wrk_run "$port" 2 16 "$seconds")
  echo "http 16 $line"
  stop_runner
}

# --- run ----------------------------------------------------------------------------------------
for kind in $kinds; do
  case $kind in
    python310) ;;
    go124) say "building the Go harness"; build_go ;;
    rust189) say "building the Rust harness ($("$CARGO" --version))"; build_rust ;;
    jvm21) say "building the JVM harness"; build_jvm ;;
    *) die "unknown kind $kind (python310, go124, rust189, jvm21)" ;;
  esac
done

declare -A r
rows=""
read_http() {
  local mode callers p50 p99 rate bad errors
  while read -r mode callers p50 p99 rate bad errors; do
    r[$1.http.$callers.p50]=$p50
    r[$1.http.$callers.p99]=$p99
    r[$1.http.$callers.rate]=$rate
    r[$1.http.$callers.bad]=$bad
    r[$1.http.$callers.errors]=$errors
  done <"$run_dir/$1.http"
}
for kind in $kinds; do
  say "$kind: in-process ($seconds s per run, $warmup s warm-up)"
  inprocess "$kind" >"$run_dir/$kind.inprocess" || die "$kind: the in-process harness failed"
  while read -r mode callers p50 rate; do
    r[$kind.$mode.$callers.p50]=$p50
    r[$kind.$mode.$callers.rate]=$rate
  done <"$run_dir/$kind.inprocess"
  # Not in a subshell: the runner's pid must stay visible to the EXIT trap.
  http "$kind" "$kind" >"$run_dir/$kind.http"
  read_http "$kind"
  rows="$rows $kind"
done

# --- report -------------------------------------------------------------------------------------
goal_us() {
  case $1 in python310) echo 500 ;; go124 | rust189) echo 200 ;; *) echo "" ;; esac
}
label() { echo "$1"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "Run on $(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB," \
  "Linux $(uname -r); $("$python" --version 2>&1), $(go version | awk '{print $3}'), $("${RUSTC:-rustc}" --version | awk '{print "rustc " $2}')," \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 | tr -d '"'), wrk $(wrk -v 2>&1 | awk 'NR==1{print $2}');" \
  "$seconds s per run after a $warmup s warm-up."
echo
echo "| kind | HTTP p50, c=1 (µs) | in-process p50, c=1 (µs) | added by the runtime at p50 (µs) | HTTP / in-process p50 | goal | met |"
echo "|---|---|---|---|---|---|---|"
for kind in $rows; do
  h=${r[$kind.http.1.p50]} i=${r[$kind.handler.1.p50]}
  added=$(calc "%.1f" "$h - $i / 1000")
  goal=$(goal_us "$kind")
  if [ -z "$goal" ]; then
    goal_text="none (reported)" met="—"
  else
    goal_text="≤ $goal µs"
    met=$(awk "BEGIN { print ($added <= $goal) ? \"yes\" : \"no\" }")
  fi
  echo "| $(label "$kind") | $h | $(calc "%.3f" "$i / 1000") | $added | $(calc "%.0f" "$h * 1000 / $i")× | $goal_text | $met |"
done
echo
echo "| kind | HTTP c=1 (req/s) | HTTP c=16 (req/s) | in-process c=1 (calls/s) | in-process c=16 (calls/s) | in-process / HTTP, c=1 | in-process / HTTP, c=16 |"
echo "|---|---|---|---|---|---|---|"
for kind in $rows; do
  echo "| $(label "$kind") | ${r[$kind.http.1.rate]} | ${r[$kind.http.16.rate]} | ${r[$kind.handler.1.rate]} | ${r[$kind.handler.16.rate]}" \
    "| $(calc "%.0f" "${r[$kind.handler.1.rate]} / ${r[$kind.http.1.rate]}")× | $(calc "%.0f" "${r[$kind.handler.16.rate]} / ${r[$kind.http.16.rate]}")× |"
done
echo
echo "| kind | HTTP p99, c=1 (µs) | HTTP p50 / p99, c=16 (µs) | in-process incl. JSON p50, c=1 (µs) | in-process incl. JSON, c=1 / c=16 (calls/s) | in-process p50, c=16 (µs) |"
echo "|---|---|---|---|---|---|"
for kind in $rows; do
  echo "| $(label "$kind") | ${r[$kind.http.1.p99]} | ${r[$kind.http.16.p50]} / ${r[$kind.http.16.p99]}" \
    "| $(calc "%.3f" "${r[$kind.json.1.p50]} / 1000") | ${r[$kind.json.1.rate]} / ${r[$kind.json.16.rate]}" \
    "| $(calc "%.3f" "${r[$kind.handler.16.p50]} / 1000") |"
done
echo
echo "rust186 is not measured separately: templates/rust186/scaffolding is a symlink to rust189's"
echo "(the same runtime, built the same way), and the two fixtures differ only in \`kind\`."
for kind in $rows; do
  for c in 1 16; do
    if [ "${r[$kind.http.$c.bad]}" != 0 ] || [ "${r[$kind.http.$c.errors]}" != 0 ]; then
      echo
      echo "Warning: $kind at c=$c: ${r[$kind.http.$c.bad]} non-2xx responses, ${r[$kind.http.$c.errors]} socket errors."
    fi
  done
done
