#!/usr/bin/env bash
# Starts (or stops) a local OCI registry for tests and single-host multi-node setups,
# idempotently: Debian's docker-registry (CNCF distribution) with its own config: filesystem
# storage under a temp dir, no auth, plain HTTP on loopback only.
#   scripts/registry.sh start   # prints the address, e.g. 127.0.0.1:5055
#   scripts/registry.sh stop
# Settings: FATHOM_REGISTRY_PORT (5055), FATHOM_REGISTRY_DIR (/tmp/fathom-registry-$PORT).
# Jib pushes to it with allow-insecure; `docker pull 127.0.0.1:PORT/…` works without daemon
# config (loopback registries count as insecure).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

port=${FATHOM_REGISTRY_PORT:-5055}
dir=${FATHOM_REGISTRY_DIR:-/tmp/fathom-registry-$port}
addr=127.0.0.1:$port
pidfile=$dir/registry.pid

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() { curl -fsS -o /dev/null "http://$addr/v2/" 2>/dev/null; }

case "${1:-start}" in
  start)
    if running && answers; then
      echo "$addr"
      exit 0
    fi
    command -v docker-registry >/dev/null 2>&1 || fathom_apt_install docker-registry
    mkdir -p "$dir/storage"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
EOF
    nohup docker-registry serve "$dir/config.yml" >>"$dir/registry.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 50); do
      if answers; then
        echo "$addr"
        exit 0
      fi
      running || break
      sleep 0.2
    done
    tail -5 "$dir/registry.log" >&2 || true
    echo "fathom: the registry did not come up on $addr; see $dir/registry.log" >&2
    exit 1
    ;;
  stop)
    if running; then
      kill "$(cat "$pidfile")"
    fi
    rm -f "$pidfile"
    ;;
  *)
    echo "usage: $(basename "$0") start|stop" >&2
    exit 2
    ;;
esac
