#!/usr/bin/env bash
# Usage: runtime-test.sh
# Runs the scaffolding's own tests offline (fathom package vet; runtime: validator, config, worker
# and process tests) and checks that the generated fathom copies in the template and the
# conformance fixture match the scaffolding's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kind=$(basename "$(dirname "$here")")
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOWORK=off
(cd "$here/fathom" && go vet ./...)
(cd "$here/runtime" && go vet ./... && go test ./...)
for copy in "$here/../fathom" "$here/../../../conformance/fixtures/$kind/fathom"; do
  if [ -d "$copy" ] && ! diff -r "$here/fathom" "$copy" >/dev/null; then
    echo "fathom: $copy differs from $here/fathom; copy it again (it is generated)" >&2
    exit 1
  fi
done
