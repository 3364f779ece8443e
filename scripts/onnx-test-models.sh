#!/usr/bin/env bash
# Makes the ONNX test models, offline: installs Debian's python3-onnx (idempotently) and writes the
# Iris-shaped classifier (float_input [N,4] -> label [N], opset 17, IR 8) that the MLflow logged
# model tests log, and the model server's test models (scripts/make_test_onnx_models.py). The
# tests run both scripts themselves; this script makes sure the interpreter can, and prints where
# the models went.
# Usage: scripts/onnx-test-models.sh [OUTPUT_DIR]   (default: target/test-models)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
out=${1:-$root/target/test-models}
fathom_apt_install python3 python3-onnx
/usr/bin/python3 -c 'import onnx' 2>/dev/null || {
  echo "fathom: python3-onnx installed but not importable by /usr/bin/python3" >&2
  exit 1
}
mkdir -p "$out"
/usr/bin/python3 "$root/scripts/make_iris_onnx.py" "$out/iris.onnx"
# The model server's test models (MLflow model directories; its tests make them again themselves).
/usr/bin/python3 "$root/scripts/make_test_onnx_models.py" "$out/model-server"
