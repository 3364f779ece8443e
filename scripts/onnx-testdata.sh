#!/usr/bin/env bash
# Prepares the model server's conformance suite, offline and idempotently: installs Debian's
# libonnx-testdata (the ONNX backend test cases), python3-onnx, python3-numpy and locales (with
# en_US.UTF-8, which some string operators need), then converts every case's input_N.pb /
# output_N.pb into V2 binary requests and expected outputs (scripts/onnx_testdata_to_v2.py) under
# ${FATHOM_ONNX_TESTDATA_CACHE:-$HOME/.cache/fathom/onnx-testdata-v2}. LibOnnxConformanceTest
# (runtime-jvm) runs them through the model server's V2 endpoint.
# Usage: scripts/onnx-testdata.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_apt_install python3 python3-onnx python3-numpy libonnx-testdata locales
if ! locale -a 2>/dev/null | grep -qi '^en_US\.utf-\?8$'; then
  fathom_as_root sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
  fathom_as_root locale-gen >/dev/null
fi
out=${FATHOM_ONNX_TESTDATA_CACHE:-$HOME/.cache/fathom/onnx-testdata-v2}
/usr/bin/python3 "$root/scripts/onnx_testdata_to_v2.py" /usr/share/libonnx-testdata/data "$out"
