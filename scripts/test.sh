#!/usr/bin/env bash
# Runs every test, as CI does: unit and API tests on embedded H2, the runtime contract conformance
# suite for every kind and every template's own tests (with Go, Rust, Python and Maven, installed
# here from Debian where missing), the builder's Docker and registry integration tests and the
# runner's Docker integration tests (the Docker engine is installed and started here; the tests
# build their base images, jvm21's Maven mirror (scripts/maven-mirror.sh) and start the registry
# themselves, each idempotently), then the control-plane and end-to-end tests again on PostgreSQL
# (started here, idempotently), plus the format check.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
cd "$root"

"$root/scripts/postgres.sh" start >/dev/null
# Toolchains the templates, runtimes and conformance suite use (Debian packages, offline builds).
"$root/scripts/python-deps.sh" >/dev/null
"$root/scripts/toolchains.sh"
# The Docker engine and the offline base images the builder's integration tests use.
"$root/scripts/docker.sh"
# The Iris ONNX model the MLflow tests log (Debian python3-onnx).
"$root/scripts/onnx-test-models.sh" >/dev/null
# The model server's conformance suite: Debian libonnx-testdata converted to V2 requests.
"$root/scripts/onnx-testdata.sh" >/dev/null

echo "== all modules on H2 (unit, API, CLI end to end, format check)"
./mvnw -B -ntp verify

echo "== control plane and end to end on PostgreSQL"
./mvnw -B -ntp verify -pl control-plane,e2e -am -Dfathom.test.db=postgres -Dspotless.check.skip=true
