#!/usr/bin/env bash
# Usage: test.sh SRC_DIR [WORK_DIR]
# Runs the function's own tests (go test ./...) offline. WORK_DIR is unused: Go writes nothing
# into SRC_DIR and keeps its build cache in $(go env GOCACHE).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: test.sh SRC_DIR [WORK_DIR]" >&2
  exit 64
fi
cd "$1"
CGO_ENABLED=0 GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOWORK=off go test ./...
