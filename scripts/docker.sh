#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock, idempotently: installs Debian's
# docker.io when dockerd is missing and starts it (host networking only, no bridge, no iptables:
# see ENVIRONMENT notes in ARCHITECTURE.md). Exits non-zero, loudly, if it cannot.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

sock=/var/run/docker.sock
engine_up() { [ -S "$sock" ] && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_up; then
  exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
  fathom_apt_install docker.io
fi
if ! pgrep -x dockerd >/dev/null 2>&1; then
  log=${FATHOM_DOCKERD_LOG:-/var/log/dockerd.log}
  # setsid: the engine gets its own session and process group, so killing the process group of
  # whatever started it (a test run, a timed-out job) does not take the engine down with it.
  fathom_as_root sh -c "setsid nohup dockerd --iptables=false --bridge=none >>'$log' 2>&1 < /dev/null &"
fi
for _ in $(seq 1 60); do
  engine_up && exit 0
  sleep 0.5
done
echo "fathom: the Docker engine did not come up; see ${FATHOM_DOCKERD_LOG:-/var/log/dockerd.log}" >&2
exit 1
