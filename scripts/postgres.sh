#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL cluster for tests and benchmarks, idempotently.
#   scripts/postgres.sh start   # initdb on first use, then start; prints the JDBC URL
#   scripts/postgres.sh stop
# Settings: FATHOM_TEST_PG_PORT (55432), FATHOM_PG_DIR (/tmp/fathom-pg-$PORT).
# Database "fathom", user "fathom", password "fathom" on 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

port=${FATHOM_TEST_PG_PORT:-55432}
dir=${FATHOM_PG_DIR:-/tmp/fathom-pg-$port}
action=${1:-start}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then
  fathom_apt_install postgresql
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      pwfile=$(mktemp)
      echo fathom >"$pwfile"
      [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
      as_pg "$bindir/initdb" -D "$dir" -U postgres -A scram-sha-256 --pwfile="$pwfile" >/dev/null
      rm -f "$pwfile"
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    export PGPASSWORD=fathom
    if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_roles where rolname='fathom'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$port" -U postgres -qc "create role fathom login password 'fathom'"
    fi
    if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='fathom'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database fathom owner fathom"
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/fathom"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      as_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
  reset)
    export PGPASSWORD=fathom
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "drop database if exists fathom with (force)"
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database fathom owner fathom"
    ;;
  *)
    echo "usage: $0 start|stop|reset" >&2
    exit 2
    ;;
esac
