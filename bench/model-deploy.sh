#!/usr/bin/env bash
# Benchmark: model deployments through the platform (issue 7): cold start of a model deployment
# (POST …/deployments to running + hot) vs a bare `docker run` of the same model server image with
# the model mounted, and V2 inference through the platform's proxy vs on the instance's port.
#   bench/model-deploy.sh [SECONDS] [ROUNDS] [MODELS]   (defaults 10 s per wrk run, 6 cold-start
#                                                        rounds, inference on iris,mlp)
#
# Starts the Docker engine and the jvm21 base image (scripts/docker.sh, scripts/images.sh), builds
# the control plane if needed, starts one on a free loopback port with a temporary FATHOM_HOME (H2;
# a fresh builder cache, so the first deployment builds the model server image into the engine),
# writes the test models (scripts/make_test_onnx_models.py, Debian python3-onnx), then
# bench/ModelDeployBench.java logs them through the MLflow-compatible API, deploys, measures and
# prints Markdown tables for docs/benchmarks.md on stdout.
#
# Settings: FATHOM_BENCH_WARMUP (seconds of the warm-up before each wrk run, default 5),
# FATHOM_BENCH_PLATFORM_WARMUP (seconds of traffic through the proxy before the first measured run,
# default 30: the control plane JIT-compiles its proxy path meanwhile),
# FATHOM_BENCH_TARGET (the control plane's Maven build directory, default target; built with
# -Dfathom.target when missing). On exit the control plane is stopped, and every container of the
# deployments this run made, every bare container it started and the temporary home are removed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
seconds=${1:-10}
rounds=${2:-6}
models=${3:-iris,mlp}
target=${FATHOM_BENCH_TARGET:-target}
command -v wrk >/dev/null 2>&1 || fathom_apt_install wrk
[ "$rounds" -ge 2 ] || { echo "model-deploy-bench: ROUNDS must be at least 2 (the first builds the image)" >&2; exit 2; }

say() { echo "model-deploy-bench: $*" >&2; }

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
        deployment) docker ps -aq --filter "label=io.fathom.owner=$id" | xargs -r docker rm -f >/dev/null 2>&1 || true ;;
        container) docker rm -f "$id" >/dev/null 2>&1 || true ;;
      esac
    done <"$home/cleanup"
  fi
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/scripts/docker.sh" >/dev/null
"$root/scripts/images.sh" jvm21 >/dev/null
/usr/bin/python3 -c 'import onnx' 2>/dev/null || fathom_apt_install python3-onnx
mkdir -p "$home/models"
/usr/bin/python3 "$root/scripts/make_test_onnx_models.py" "$home/models" >/dev/null
chmod -R a+rX "$home/models"

cp_dir=$root/control-plane/$target
jar=$(ls "$cp_dir"/control-plane-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n1 || true)
if [ -z "$jar" ] || [ ! -d "$cp_dir/lib" ]; then
  say "building the control plane into control-plane/$target"
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Dfathom.target="$target" package -pl control-plane -am)
  jar=$(ls "$cp_dir"/control-plane-*.jar | grep -v -e '-sources' -e '-tests' | head -n1)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env FATHOM_HOME="$home" FATHOM_PORT="$port" FATHOM_LOG_LEVEL=INFO \
  "$JAVA_HOME/bin/java" -cp "$jar:$cp_dir/lib/*" io.fathom.controlplane.Application >"$home/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  [ -s "$home/bootstrap-token" ] && curl -fs "http://127.0.0.1:$port/api/intelligence/functions/v1/openapi" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$home/server.log" >&2; exit 1; }
  sleep 0.5
done

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" "$root/bench/ModelDeployBench.java" "http://127.0.0.1:$port" "$home/bootstrap-token" \
  "$home/models" "$seconds" "$rounds" "$home" "$home/server.log" "$models" \
  || { say "failed; the control plane's log:"; tail -n 50 "$home/server.log" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
