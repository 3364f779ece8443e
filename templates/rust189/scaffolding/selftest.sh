#!/usr/bin/env bash
# Usage: selftest.sh [FIXTURE_DIR] [WORK_DIR]
# Smoke test of this kind's local runner against the conformance fixture, with curl: health,
# ready, invoke (echo, errors, schemas, env, log, 413, an h2c upgrade offer answered as HTTP/1.1), a call past its deadline (504) followed by
# a call that succeeds, and SIGTERM during a call (the call completes, the process exits 0).
# The JUnit conformance suite is the real test; this is for working on the scaffolding.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kind=$(basename "$(dirname "$here")")
root=$(cd "$here/../../.." && pwd)
fixture=${1:-$root/conformance/fixtures/$kind}
work=${2:-${TMPDIR:-/tmp}/fathom-selftest-$kind}
mkdir -p "$work"
log=$work/server.log
printf '{"type":"object","required":["action"]}' >"$work/input.schema.json"
printf '{"type":"object","not":{"required":["unexpected"]}}' >"$work/output.schema.json"

port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
export PORT=$port FATHOM_MAX_BODY_BYTES=65536 FATHOM_DRAIN_SECONDS=5
export FATHOM_INPUT_SCHEMA_FILE=$work/input.schema.json FATHOM_OUTPUT_SCHEMA_FILE=$work/output.schema.json
export FATHOM_SDK_BASE_URL=https://platform.example FATHOM_SDK_SERVICE_PATH_ML=/v1/ml FATHOM_SDK_PROJECT_ID=p1
"$here/local.sh" "$fixture" "$work" >"$log" 2>&1 &
server=$!

passed=0 failed=0
check() { # check NAME EXPECTED ACTUAL
  if [[ "$3" == *"$2"* ]]; then passed=$((passed + 1)); echo "PASS $1"
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2' in '$3'"; fi
}
call() { # call METHOD PATH [BODY [HEADER...]] -> "STATUS BODY"
  local method=$1 path=$2 body=${3:-} args=()
  shift 3 2>/dev/null || shift $#
  for header in "$@"; do args+=(-H "$header"); done
  if [ "$method" = POST ]; then args+=(-H 'Content-Type: application/json' --data-binary "$body"); fi
  curl -s -m 30 -o "$work/body" -w '%{http_code}' -X "$method" "${args[@]}" "$base$path" || true
  printf ' '; cat "$work/body" 2>/dev/null
}
now_ms() { date +%s%3N; }

for _ in $(seq 1 600); do
  [[ "$(call GET /_/ready)" == 200* ]] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done

check health '200 {"status":"ok"}' "$(call GET /_/health)"
check ready '200 {"status":"ready"}' "$(call GET /_/ready)"
check echo '200 {"value":{"a":[1,"x"]}}' "$(call POST /invoke '{"action":"echo","value":{"a":[1,"x"]}}')"
check call-id-echo 'X-Fathom-Call-Id: abc-123' "$(curl -s -D - -o /dev/null -H 'X-Fathom-Call-Id: abc-123' --data '{"action":"echo","value":1}' "$base/invoke" | tr -d '\r')"
check h2c-upgrade-offer '200 {"value":5}' "$(call POST /invoke '{"action":"echo","value":5}' 'Connection: Upgrade, HTTP2-Settings' 'Upgrade: h2c' 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA')"
check h2c-upgrade-ready '200 {"status":"ready"}' "$(call GET /_/ready '' 'Connection: Upgrade, HTTP2-Settings' 'Upgrade: h2c' 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA')"
check fail '500 {"error":{"code":"function-error","message":"boom"}}' "$(call POST /invoke '{"action":"fail","message":"boom"}')"
check invalid-json '400 {"error":{"code":"invalid-json"' "$(call POST /invoke '{nope')"
check input-schema '422 {"error":{"code":"input-schema-violation"' "$(call POST /invoke '{"value":1}')"
check output-schema '500 {"error":{"code":"output-schema-violation"' "$(call POST /invoke '{"action":"bad-output"}')"
check env '"FATHOM_SDK_BASE_URL":"https://platform.example"' "$(call POST /invoke '{"action":"env"}')"
check env-port "\"port\":\"$port\"" "$(call POST /invoke '{"action":"env"}')"
check log '200 {"logged":"hello-log"}' "$(call POST /invoke '{"action":"log","message":"hello-log"}' 'X-Fathom-Call-Id: log-1')"
sleep 0.2
check log-line '"callId":"log-1","message":"hello-log"' "$(grep hello-log "$log")"
printf '{"action":"echo","value":"%s"}' "$(head -c 70000 /dev/zero | tr '\0' x)" >"$work/big.json"
check too-large '413' "$(curl -s -m 30 -o /dev/null -w '%{http_code}' --data-binary @"$work/big.json" "$base/invoke")"
check timeout '504 {"error":{"code":"timeout"' "$(call POST /invoke '{"action":"sleep","ms":3000}' "X-Fathom-Deadline-Ms: $(($(now_ms) + 300))")"
check after-timeout '200 {"value":2}' "$(call POST /invoke '{"action":"echo","value":2}')"
sleep 1
check after-retire '200 {"value":3}' "$(call POST /invoke '{"action":"echo","value":3}')"

call POST /invoke '{"action":"sleep","ms":1000}' >"$work/inflight" &
inflight=$!
sleep 0.3
kill -TERM "$server"
sleep 0.2
check draining-ready '503 {"status":"draining"}' "$(call GET /_/ready)"
check draining-invoke '503 {"error":{"code":"draining"' "$(call POST /invoke '{"action":"echo","value":1}')"
wait "$inflight"
check inflight-completes '200 {"slept":1000}' "$(cat "$work/inflight")"
wait "$server"
check exit-zero 'exit 0' "exit $?"

echo "$kind selftest: $passed passed, $failed failed (server log: $log)"
[ "$failed" -eq 0 ]
