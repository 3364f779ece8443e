#!/usr/bin/env bash
# Sets up what is missing and runs the platform in the foreground with embedded defaults:
# H2 file database and blob store under $FATHOM_HOME (default ~/.fathom), port $FATHOM_PORT
# (default 8080), and the local Docker engine (installed and started where possible).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
if ! "$root/scripts/docker.sh"; then
  echo "fathom: warning: no Docker engine; builds and deployments will fail until one runs" >&2
fi
if [ ! -d "$root/control-plane/target/lib" ] || [ ! -d "$root/cli/target/lib" ] \
  || [ -n "$(find "$root/control-plane/src" "$root/cli/src" -newer "$root/control-plane/target/lib" -type f -print -quit)" ]; then
  echo "fathom: building (first run or sources changed)..." >&2
  "$root/scripts/build.sh"
fi
# Builds need the offline images; jvm21 builds resolve Maven artifacts offline from a file mirror (fathom.builds.maven-mirror,
# default $FATHOM_HOME/maven-mirror): made once (idempotent, keyed by content), needs the engine.
if docker info >/dev/null 2>&1; then
  # The offline base and builder images every kind builds with (content-keyed: minutes the first
  # time, seconds after).
  echo "fathom: making the offline base and builder images (scripts/images.sh)..." >&2
  if ! "$root/scripts/images.sh" >/dev/null; then
    echo "fathom: warning: scripts/images.sh failed; builds of the kinds it could not make will fail" >&2
  fi
  if ! "$root/scripts/maven-mirror.sh" "${FATHOM_HOME:-$HOME/.fathom}/maven-mirror" >/dev/null; then
    echo "fathom: warning: no Maven mirror for jvm21 builds (scripts/maven-mirror.sh failed)" >&2
  fi
fi
echo "fathom: starting the control plane on port ${FATHOM_PORT:-8080}; then: bin/fathom login http://127.0.0.1:${FATHOM_PORT:-8080}" >&2
exec "$root/bin/fathom" server "$@"
