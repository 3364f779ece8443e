#!/usr/bin/env bash
# Benchmark: calls through the control plane vs directly on the instance's port, and cold starts
# vs a bare `docker run` of the same image (issue 5).
#   bench/calls.sh [SECONDS] [ROUNDS]      (defaults 10 s per wrk run, 5 cold-start rounds)
#
# Starts the Docker engine and the python310 base image (scripts/docker.sh, scripts/images.sh),
# builds the control plane if needed, starts one on a free loopback port with a temporary
# FATHOM_HOME (H2, fathom.instances.idle-timeout 2s so that the cold-start rounds do not wait long),
# then bench/CallsBench.java does the rest (function, build, deployment, wrk runs, cold starts) and
# prints Markdown tables for docs/benchmarks.md on stdout.
#
# Settings: FATHOM_BENCH_WARMUP (seconds of the warm-up before each wrk run, default 10),
# FATHOM_BENCH_TARGET (the control plane's Maven build directory, default target; built
# with -Dfathom.target when missing), FATHOM_BENCH_JAVA_OPTS (extra JVM options of the control
# plane, e.g. a JFR recording). On exit the control plane is stopped, and every container of
# the deployments this run made, every bare container it started and the temporary home are removed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
seconds=${1:-10}
rounds=${2:-5}
target=${FATHOM_BENCH_TARGET:-target}
command -v wrk >/dev/null 2>&1 || fathom_apt_install wrk

say() { echo "calls-bench: $*" >&2; }

home=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -f "$home/cleanup" ]; then
    while read -r what id; do
      case "$what" in
        deployment) docker ps -aq --filter "label=io.fathom.deployment=$id" | xargs -r docker rm -f >/dev/null 2>&1 || true ;;
        container) docker rm -f "$id" >/dev/null 2>&1 || true ;;
      esac
    done <"$home/cleanup"
  fi
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/scripts/docker.sh" >/dev/null
"$root/scripts/images.sh" python310 >/dev/null

cp_dir=$root/control-plane/$target
jar=$(ls "$cp_dir"/control-plane-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n1 || true)
if [ -z "$jar" ] || [ ! -d "$cp_dir/lib" ]; then
  say "building the control plane into control-plane/$target"
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Dfathom.target="$target" package -pl control-plane -am)
  jar=$(ls "$cp_dir"/control-plane-*.jar | grep -v -e '-sources' -e '-tests' | head -n1)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env FATHOM_HOME="$home" FATHOM_PORT="$port" FATHOM_LOG_LEVEL=WARN FATHOM_INSTANCES_IDLE_TIMEOUT=2s \
  "$JAVA_HOME/bin/java" ${FATHOM_BENCH_JAVA_OPTS:-} -cp "$jar:$cp_dir/lib/*" io.fathom.controlplane.Application >"$home/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  [ -s "$home/bootstrap-token" ] && curl -fs "http://127.0.0.1:$port/api/intelligence/functions/v1/openapi" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$home/server.log" >&2; exit 1; }
  sleep 0.5
done

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
FATHOM_BENCH_CP_PID=$pid "$JAVA_HOME/bin/java" "$root/bench/CallsBench.java" "http://127.0.0.1:$port" "$home/bootstrap-token" \
  "$root/control-plane/src/test/resources/fixtures/deploy-python310" "$seconds" "$rounds" "$home" \
  || { say "failed; the control plane's log:"; tail -n 50 "$home/server.log" >&2; exit 1; }
