#!/usr/bin/env bash
# Usage: local.sh SRC_DIR WORK_DIR
# Builds the rust function in SRC_DIR (into WORK_DIR, messages on stderr), then execs the server
# in the foreground with the current environment (PORT, FATHOM_*), so SIGTERM reaches it directly.
# The server is its own supervisor: it replaces the worker process that a stuck call retires.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: local.sh SRC_DIR WORK_DIR" >&2
  exit 64
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/build.sh" "$1" "$2" "$2/bin/function"
exec "$2/bin/function"
