#!/usr/bin/env bash
# Usage: runtime-test.sh [WORK_DIR]
# Runs the scaffolding's own tests (the fathom crate and the runtime: validator, config, worker)
# offline on a copy in WORK_DIR (default: a temporary directory), and checks that the generated
# fathom copies in the template and the conformance fixture match the scaffolding's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/cargo-env.sh"
kind=$(basename "$(dirname "$here")")
work=${1:-${TMPDIR:-/tmp}/fathom-runtime-test-$kind}
mkdir -p "$work"
work=$(cd "$work" && pwd)
fathom_pick_cargo
fathom_cargo_config "$work"
rm -rf "$work/fathom" "$work/fathom-runtime"
cp -pR "$here/fathom" "$here/fathom-runtime" "$work/"
for crate in fathom fathom-runtime; do
  (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target" "$CARGO" test --offline)
done
for copy in "$here/../fathom" "$here/../../../conformance/fixtures/$kind/fathom"; do
  if [ -d "$copy" ] && ! diff -r "$here/fathom" "$copy" >/dev/null; then
    echo "fathom: $copy differs from $here/fathom; copy it again (it is generated)" >&2
    exit 1
  fi
done
