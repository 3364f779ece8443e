#!/usr/bin/env bash
# Checks the model server's real CUDA path on a machine with an NVIDIA GPU (CUDA 12 cuBLAS/cuDNN
# libraries installed, as ONNX Runtime 1.29's CUDA provider needs): swaps the CPU onnxruntime jar
# for onnxruntime_gpu 1.29.0 (642 MB, fetched from Maven Central), opens a model with the CUDA
# execution provider (no CPU fallback), compares its outputs with CPU and times both
# (io.fathom.runtime.model.bench.CudaCheck). Exit 0 and "CUDA CHECK OK" when CUDA loads and agrees.
#   bench/onnx-cuda-check.sh [MODEL_DIR] [ROWS] [RUNS]   (default: the mlp test model, 64, 200)
# Then the server end to end: FATHOM_ONNX_DEVICE=cuda with the same classpath, GET /v2 shows
# "fathom": {"provider": "CUDAExecutionProvider", "fallback": false}.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
cd "$root"
target=${FATHOM_BENCH_TARGET:-target-cudacheck}
version=1.29.0
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -pl runtime-jvm -am test-compile -Dfathom.target="$target" >&2
./mvnw -q -B -pl runtime-jvm dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" -Dfathom.target="$target" >&2
gpu_dir="runtime-jvm/$target/gpu-lib"
if [ ! -f "$gpu_dir/onnxruntime_gpu-$version.jar" ]; then
  ./mvnw -q -B dependency:copy -Dartifact="com.microsoft.onnxruntime:onnxruntime_gpu:$version" \
    -DoutputDirectory="$gpu_dir" -Dfathom.target="$target" >&2
fi
# Never both jars on one classpath: drop the CPU one.
cp=$(tr ':' '\n' <"$cp_file" | grep -v "/onnxruntime-$version.jar" | paste -sd: -)
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "no nvidia-smi on PATH"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "runtime-jvm/$target/test-classes:runtime-jvm/$target/classes:$cp:$gpu_dir/onnxruntime_gpu-$version.jar" \
  io.fathom.runtime.model.bench.CudaCheck "$@"
