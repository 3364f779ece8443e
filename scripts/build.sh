#!/usr/bin/env bash
# Builds the jars and runtime classpaths that bin/fathom uses (no tests). Quiet unless it fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_use_java
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
