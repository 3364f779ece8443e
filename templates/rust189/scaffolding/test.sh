#!/usr/bin/env bash
# Usage: test.sh SRC_DIR WORK_DIR
# Runs the function's own tests (cargo test) offline on a copy in WORK_DIR/test, with crates from
# Debian's packaged crates; SRC_DIR is left untouched (no target/ or Cargo.lock written there).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: test.sh SRC_DIR WORK_DIR" >&2
  exit 64
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/cargo-env.sh"
src=$(cd "$1" && pwd)
mkdir -p "$2"
work=$(cd "$2" && pwd)
fathom_pick_cargo
fathom_cargo_config "$work"
fathom_copy_function "$src" "$work/test"
cd "$work/test"
CARGO_TARGET_DIR="$work/target-test" "$CARGO" test --offline
