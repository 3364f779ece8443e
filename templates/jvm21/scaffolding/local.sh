#!/usr/bin/env bash
# Runs a jvm21 function locally: local.sh SRC_DIR WORK_DIR
#
# Builds it (build.sh), then runs the JVM function host in the foreground with the current
# environment (PORT is required; see docs/runtime-contract.md) and FATHOM_FUNCTION_CLASS from
# func.yaml's entryPoint:
#   java -cp <runtime-jvm jar>:<runtime-jvm lib/*>:<function classes>:<function lib/*> io.fathom.runtime.host.Main
#
# It supervises the host instead of exec'ing it: when a call would not stop after its deadline the
# host exits 75 and is started again here, so the next call succeeds (a platform replaces the
# container instead). SIGTERM and SIGINT are forwarded to the host, which drains and exits 0; this
# script then exits with the host's status. The host also exits when this script dies
# (FATHOM_PARENT_PID). Extra JVM options: FATHOM_JAVA_OPTS.
set -euo pipefail
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

[ $# -eq 2 ] || jvm21_die "usage: local.sh SRC_DIR WORK_DIR"
"$here/build.sh" "$1" "$2" >&2
work=$(cd "$2" && pwd)
runtime=$(jvm21_runtime_dir)
java=$(jvm21_java)
FATHOM_FUNCTION_CLASS="${FATHOM_FUNCTION_CLASS:-$(jvm21_entry_point "$1")}"
export FATHOM_FUNCTION_CLASS
export FATHOM_PARENT_PID=$$
classpath="$(jvm21_runtime_jar "$runtime"):$runtime/lib/*:$(cat "$work/classpath")"
read -r -a java_opts <<<"${FATHOM_JAVA_OPTS:-}"

readonly EXIT_STUCK_CALL=75
host_pid=
stopping=0
signalled=0
forward() {
  stopping=1
  signalled=1
  [ -n "$host_pid" ] && kill -TERM "$host_pid" 2>/dev/null || true
}
trap forward TERM INT

while :; do
  "$java" ${java_opts[@]+"${java_opts[@]}"} -cp "$classpath" io.fathom.runtime.host.Main &
  host_pid=$!
  # A trapped signal interrupts `wait` (status > 128): wait again for the host's own status.
  while :; do
    signalled=0
    status=0
    wait "$host_pid" || status=$?
    if [ "$signalled" = 1 ] && [ "$status" -gt 128 ]; then
      kill -0 "$host_pid" 2>/dev/null && continue
      again=0
      wait "$host_pid" 2>/dev/null || again=$?
      [ "$again" != 127 ] && status=$again
    fi
    break
  done
  if [ "$stopping" = 0 ] && [ "$status" = "$EXIT_STUCK_CALL" ]; then
    echo "jvm21: the host exited $status (a call did not stop after its deadline); starting it again" >&2
    continue
  fi
  exit "$status"
done
