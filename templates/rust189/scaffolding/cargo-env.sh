# Sourced by build.sh and test.sh: offline cargo setup. Defines functions only.

# Picks cargo: $FATHOM_CARGO, then rustup's ($HOME/.cargo/bin), then the one on PATH (Debian's
# cargo/rustc 1.63 when installed with apt). Sets CARGO and exports the RUSTC and RUSTDOC next to it.
fathom_pick_cargo() {
  local candidate
  for candidate in "${FATHOM_CARGO:-}" "$HOME/.cargo/bin/cargo" "$(command -v cargo 2>/dev/null)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      CARGO=$candidate
      if [ -x "$(dirname "$candidate")/rustc" ]; then
        export RUSTC="$(dirname "$candidate")/rustc"
      fi
      if [ -x "$(dirname "$candidate")/rustdoc" ]; then
        export RUSTDOC="$(dirname "$candidate")/rustdoc"
      fi
      return 0
    fi
  done
  echo "fathom: cargo is not installed; run scripts/toolchains.sh (or apt-get install cargo)" >&2
  return 1
}

# Writes WORK_DIR/.cargo/config.toml: crates come from Debian's packaged crates, never the network.
fathom_cargo_config() {
  mkdir -p "$1/.cargo"
  cat >"$1/.cargo/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[net]
offline = true
TOML
}

# Copies a function tree (without target/, Cargo.lock, .git) to DEST and puts the platform's
# fathom crate over DEST/fathom.
fathom_copy_function() {
  local src=$1 dest=$2 here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  rm -rf "$dest"
  mkdir -p "$dest"
  (cd "$src" && tar --exclude=./target --exclude=./Cargo.lock --exclude=./.git -cf - .) | (cd "$dest" && tar -xf -)
  rm -rf "$dest/fathom"
  cp -pR "$here/fathom" "$dest/fathom"
}
