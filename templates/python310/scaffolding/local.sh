#!/usr/bin/env bash
# Local run of a python310 function (docs/runtime-contract.md, "Local runs"): nothing to compile,
# so WORK_DIR is only created; execs the runtime shim in the foreground with the current
# environment (PORT and the FATHOM_* settings), so signals reach it.
#
# usage: local.sh SRC_DIR WORK_DIR
# The shim is taken from <repo>/runtime-python-shim/src, found from this script's location,
# unless FATHOM_PYTHON_SHIM_SRC names another directory holding fathom_shim/.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $(basename "$0") SRC_DIR WORK_DIR" >&2
  exit 2
fi
src=$(cd "$1" && pwd) || { echo "local.sh: SRC_DIR $1 is not a directory" >&2; exit 2; }
mkdir -p "$2"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shim=${FATHOM_PYTHON_SHIM_SRC:-$(cd "$here/../../.." && pwd)/runtime-python-shim/src}
if [ ! -f "$shim/fathom_shim/__main__.py" ]; then
  echo "local.sh: no fathom_shim package under $shim (set FATHOM_PYTHON_SHIM_SRC)" >&2
  exit 1
fi
if [ -x /usr/bin/python3 ]; then
  python=/usr/bin/python3
else
  python=$(command -v python3) || { echo "local.sh: no python3 found (apt-get install python3)" >&2; exit 1; }
fi
export PYTHONPATH="$shim${PYTHONPATH:+:$PYTHONPATH}"
export FATHOM_FUNCTION_DIR="$src"
exec "$python" -m fathom_shim
