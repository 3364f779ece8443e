#!/usr/bin/env bash
# Installs, idempotently, what the go124 and rust189/rust186 function builds need offline (Debian
# packages: Go, packaged crates, and Debian's cargo/rustc when rustup's are absent), then prints
# the versions found. scripts/test.sh calls it before the template and conformance tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"

packages=(golang-go librust-tiny-http-dev librust-serde-json-dev)
if [ ! -x "$HOME/.cargo/bin/cargo" ] && ! command -v cargo >/dev/null 2>&1; then
  packages+=(cargo rustc)
fi
fathom_apt_install "${packages[@]}"

cargo=$HOME/.cargo/bin/cargo
[ -x "$cargo" ] || cargo=$(command -v cargo)
rustc=$(dirname "$cargo")/rustc
[ -x "$rustc" ] || rustc=$(command -v rustc)
crates=$(cd /usr/share/cargo/registry && ls -d tiny_http-* serde_json-* 2>/dev/null | tr '\n' ' ')
echo "go:     $(go version | awk '{print $3}') ($(command -v go))"
echo "cargo:  $("$cargo" --version) ($cargo)"
echo "rustc:  $("$rustc" --version) ($rustc)"
echo "crates: ${crates% } (/usr/share/cargo/registry)"
