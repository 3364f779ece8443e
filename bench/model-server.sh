#!/usr/bin/env bash
# Model server throughput (docs/benchmarks.md, "Model server"): V2 JSON and binary over HTTP vs
# ONNX Runtime called in-process on the same model (Iris [1,4] or the mlp [1,256], one row per request), at
# concurrency 1, 8 and 32, with dynamic batching off and on. Loopback only.
#   bench/model-server.sh [SECONDS_PER_POINT] [RUNS] [ORT_INTRA_OP_THREADS] [iris|mlp]   (defaults 5, 3, 1, iris)
# Installs wrk (the HTTP load) if missing, builds runtime-jvm's test classes (target dir
# target-modelbench) and runs io.fathom.runtime.model.bench.ModelServerBench; prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
command -v wrk >/dev/null 2>&1 || fathom_apt_install wrk
cd "$root"
target=${FATHOM_BENCH_TARGET:-target-modelbench}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -o -pl runtime-jvm -am test-compile -Dfathom.target="$target" >&2
./mvnw -q -B -o -pl runtime-jvm dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" -Dfathom.target="$target" >&2
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "runtime-jvm/$target/test-classes:runtime-jvm/$target/classes:$(cat "$cp_file")" \
  io.fathom.runtime.model.bench.ModelServerBench "${1:-5}" "${2:-3}" "${3:-1}" "${4:-iris}"
