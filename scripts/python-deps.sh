#!/usr/bin/env bash
# Installs, idempotently, the Debian packages the Python parts need: the interpreter the
# python310 shim runs on, jsonschema (schema validation in the shim) and pytest (template tests).
# Prints the interpreter to use: /usr/bin/python3.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
fathom_apt_install python3 python3-jsonschema python3-pytest
/usr/bin/python3 -c 'import jsonschema, pytest' 2>/dev/null || {
  echo "fathom: python3-jsonschema or python3-pytest installed but not importable by /usr/bin/python3" >&2
  exit 1
}
echo /usr/bin/python3
