#!/usr/bin/env bash
# Builds the offline base images the builder layers functions onto, idempotently.
#   scripts/images.sh [IMAGE...]     # default: every image this script knows
# Images: python310 (the python310 runtime base), python310-builder (the python310 dependency-install
# image), go124-builder (the go124 compile-step image), rust-builder (the rust189/rust186
# compile-step image), jvm21 (the jvm21 runtime base: a jlink'd Java runtime of the build machine's
# JDK) and jvm21-builder (the jvm21 compile-step image: that JDK and Maven).
# go124 has no runtime base: its static binary goes onto `scratch`.
# For each image it prints one line: the image reference, then what it carries, e.g.
#   fathom/base-python310:3f9c0a1b2c3d Python 3.11.2
#   fathom/builder-go124:1a2b3c4d5e6f go1.19.8
# An image is tagged with a content key (a hash of this script's inputs for that kind: suite,
# package list, script version) and `latest`; when the keyed image exists the rebuild is skipped,
# so a reused machine pays nothing. Images come from Debian packages only (debootstrap minbase):
# nothing is pulled from a registry.
# Debian bookworm packages only OpenJDK 17, which cannot run Java 21 bytecode: the jvm21 images copy
# a JDK of this machine instead (FATHOM_JDK, default Temurin 25), keyed by its `release` file.
# Settings: FATHOM_DEBIAN_MIRROR (http://deb.debian.org/debian), FATHOM_IMAGES_WORK (/tmp),
# FATHOM_JDK (/usr/lib/jvm/temurin-25-jdk-amd64), FATHOM_MAVEN_HOME (the Maven distribution
# ./mvnw uses, fetched into ~/.m2/wrapper/dists by running ./mvnw once).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

# Bump when the way an image is made changes (trim rules, import settings): new keys, new images.
images_version=1
suite=bookworm
mirror=${FATHOM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=${FATHOM_IMAGES_WORK:-/tmp}
jdk=${FATHOM_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
known_kinds=(python310 python310-builder go124-builder rust-builder jvm21 jvm21-builder)

# content_key WORDS...: 12 hex digits of the sha256 of the words and the script version.
content_key() {
  printf '%s\n' "images.sh v$images_version" "$@" | sha256sum | cut -c1-12
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# rootfs_image NAME PACKAGES...: a debootstrap minbase rootfs of $suite with PACKAGES, trimmed
# and imported as NAME:<key> (and NAME:latest). Prints NAME:<key>. When $chroot_packages is set,
# those are then installed with apt-get inside the rootfs (debootstrap's --include does not resolve
# virtual packages, which Debian's librust-*-dev crates depend on); they join the key.
# When $rootfs_copy is set, that function is called with the rootfs directory to copy in what
# Debian does not package; $rootfs_copy_key (a content key of what it copies) joins the key, and
# $rootfs_path (directories put in front of PATH) and $rootfs_env (NAME=VALUE words) join the
# image's environment.
rootfs_image() {
  local name=$1
  shift
  local key
  key=$(content_key rootfs "$suite" "$name" "$@" ${chroot_packages:+chroot-apt $chroot_packages} \
    ${rootfs_copy:+copy "$rootfs_copy" "${rootfs_copy_key:-}" "${rootfs_path:-}" "${rootfs_env:-}"})
  local ref=$name:$key
  if ! image_exists "$ref"; then
    fathom_apt_install debootstrap
    local dir
    dir=$(mktemp -d "$work/fathom-rootfs.XXXXXX")
    local include
    include=$(IFS=,; echo "$*")
    if ! debootstrap --variant=minbase ${include:+--include=$include} "$suite" "$dir/root" "$mirror" \
      >"$dir/debootstrap.log" 2>&1; then
      tail -20 "$dir/debootstrap.log" >&2
      echo "fathom: debootstrap of $suite ($*) failed for $ref; log in $dir" >&2
      return 1
    fi
    if [ -n "${chroot_packages:-}" ]; then
      cp /etc/resolv.conf "$dir/root/etc/resolv.conf"
      # shellcheck disable=SC2086
      if ! { chroot "$dir/root" apt-get update &&
        chroot "$dir/root" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
          --no-install-recommends $chroot_packages && chroot "$dir/root" apt-get clean; } \
        >"$dir/apt.log" 2>&1; then
        tail -20 "$dir/apt.log" >&2
        echo "fathom: apt-get install $chroot_packages failed for $ref; log in $dir" >&2
        return 1
      fi
      : >"$dir/root/etc/resolv.conf"
    fi
    trim_rootfs "$dir/root"
    if [ -n "${rootfs_copy:-}" ]; then
      "$rootfs_copy" "$dir/root"
    fi
    local changes=(--change "ENV PATH=${rootfs_path:+$rootfs_path:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    local env
    for env in ${rootfs_env:-}; do
      changes+=(--change "ENV $env")
    done
    tar --numeric-owner -C "$dir/root" -c . | docker import \
      "${changes[@]}" \
      --change 'ENV LANG=C.UTF-8' \
      --message "fathom $ref: debootstrap --variant=minbase $suite $*" \
      - "$ref" >/dev/null
    rm -rf "$dir"
  fi
  docker tag "$ref" "$name:latest"
  echo "$ref"
}

# trim_rootfs DIR: drops what a runtime image never needs (docs, man pages, apt lists and caches,
# logs); keeps dpkg's status so the image still says what it carries.
trim_rootfs() {
  local root=$1
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/lintian "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* \
    "$root"/var/cache/debconf/*-old "$root"/var/log/* "$root"/tmp/* "$root"/debootstrap
}

# One function per kind: base_<kind> prints "<reference> <what it carries>".
base_python310() {
  local ref
  ref=$(rootfs_image fathom/base-python310 python3-minimal python3-jsonschema)
  echo "$ref $(docker run --rm --network=none "$ref" python3 --version 2>&1)"
}

# The python310 builder: the runtime base's Python (Debian 12's 3.11) with pip and venv. The builder
# runs `pip install --target` in it (--no-index from a wheel directory mounted read-only, or from a
# configured index) to make a function's dependency layer; nothing else of it reaches the image.
base_python310_builder() {
  local ref
  ref=$(rootfs_image fathom/builder-python310 python3-minimal python3-pip python3-venv)
  echo "$ref $(docker run --rm --network=none "$ref" python3 -m pip --version 2>&1 | awk '{print "pip", $2}')"
}

# The go124 builder: Debian's Go toolchain (golang-go, Go 1.19.8 on bookworm). The builder runs
# `go build` in it with --network=none; nothing of it reaches the function's image.
base_go124_builder() {
  local ref
  ref=$(rootfs_image fathom/builder-go124 golang-go)
  echo "$ref $(docker run --rm --network=none "$ref" go version 2>&1 | awk '{print $3}')"
}

# The rust189/rust186 builder: Debian's cargo and rustc (1.63 on bookworm), the packaged crates the
# fathom-runtime needs (tiny_http, serde_json and their dependencies, under
# /usr/share/cargo/registry) and gcc/libc6-dev to link a static glibc binary. The builder runs
# `cargo build --offline` in it with --network=none; nothing of it reaches the function's image.
base_rust_builder() {
  local ref
  ref=$(chroot_packages="librust-tiny-http-dev librust-serde-json-dev" \
    rootfs_image fathom/builder-rust cargo rustc gcc libc6-dev)
  echo "$ref $(docker run --rm --network=none "$ref" rustc --version 2>&1 | awk '{print $2}')"
}

# The JDK the jvm21 images copy: its `release` file names the exact build.
jdk_key() {
  [ -f "$jdk/release" ] && [ -x "$jdk/bin/jlink" ] ||
    { echo "fathom: no JDK at $jdk (set FATHOM_JDK to a JDK 21 or newer with jlink)" >&2; return 1; }
  sha256sum "$jdk/release" | cut -c1-16
}

# The modules of the jvm21 runtime: java.se (every standard API user code may call) and the JDK
# modules functions commonly need: the host's HTTP server (jdk.httpserver, found with jdeps on
# runtime-jvm and its libraries), sun.misc.Unsafe users (jdk.unsupported), elliptic-curve TLS,
# zip file systems, extra charsets, DNS naming, JFR and management for diagnostics.
jvm21_modules=java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.charsets,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.jfr,jdk.management,jdk.management.jfr
jvm21_jlink_options="--strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive"

# copy_jlink_runtime ROOTFS: a jlink'd runtime of $jdk at /opt/java.
copy_jlink_runtime() {
  "$jdk/bin/jlink" --add-modules "$jvm21_modules" $jvm21_jlink_options --output "$1/opt/java" >&2
}

# The jvm21 runtime base: debootstrap minbase and a Java runtime made with jlink from the JDK
# (Debian bookworm's OpenJDK 17 cannot run Java 21 bytecode), at /opt/java, on PATH.
base_jvm21() {
  local ref
  ref=$(rootfs_copy=copy_jlink_runtime \
    rootfs_copy_key="$(jdk_key) $jvm21_modules $jvm21_jlink_options" \
    rootfs_path=/opt/java/bin rootfs_env=JAVA_HOME=/opt/java rootfs_image fathom/base-jvm21)
  echo "$ref Java $(docker run --rm --network=none "$ref" java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p')"
}

# The Maven distribution for the jvm21 builder: FATHOM_MAVEN_HOME, else the one ./mvnw uses (under
# ~/.m2/wrapper/dists, fetched by running ./mvnw once).
maven_home() {
  local home=${FATHOM_MAVEN_HOME:-}
  if [ -z "$home" ]; then
    local version
    version=$(sed -n 's/^distributionUrl=.*apache-maven-\([0-9.]*\)-bin.zip$/\1/p' \
      "$here/../.mvn/wrapper/maven-wrapper.properties")
    home=$(ls -d "$HOME"/.m2/wrapper/dists/apache-maven-"$version"/*/ 2>/dev/null | head -n 1)
    if [ -z "$home" ]; then
      (cd "$here/.." && JAVA_HOME=$jdk ./mvnw -q -v >/dev/null)
      home=$(ls -d "$HOME"/.m2/wrapper/dists/apache-maven-"$version"/*/ 2>/dev/null | head -n 1)
    fi
  fi
  [ -x "${home%/}/bin/mvn" ] || { echo "fathom: no Maven distribution at '$home' (set FATHOM_MAVEN_HOME)" >&2; return 1; }
  echo "${home%/}"
}

# copy_jdk_and_maven ROOTFS: the whole JDK at /opt/java and Maven at /opt/maven. Links are copied
# as what they point to: a packaged JDK's lib/security/cacerts links into the host's /etc/ssl.
copy_jdk_and_maven() {
  mkdir -p "$1/opt"
  cp -RL --preserve=mode,timestamps "$jdk" "$1/opt/java"
  cp -a "$(maven_home)" "$1/opt/maven"
  rm -f "$1/opt/maven/mvnw.url"
}

# The jvm21 builder: the JDK and Maven (the same Maven ./mvnw uses). The builder runs `mvn package`
# in it with --network=none against a file mirror (scripts/maven-mirror.sh); nothing of it reaches
# the function's image.
base_jvm21_builder() {
  local ref home
  home=$(maven_home)
  ref=$(rootfs_copy=copy_jdk_and_maven \
    rootfs_copy_key="$(jdk_key) dereferenced maven $(ls "$home/lib" | sha256sum | cut -c1-16)" \
    rootfs_path=/opt/java/bin:/opt/maven/bin rootfs_env="JAVA_HOME=/opt/java MAVEN_HOME=/opt/maven" \
    rootfs_image fathom/builder-jvm21)
  echo "$ref Java $(docker run --rm --network=none "$ref" java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p')," \
    "Maven $(docker run --rm --network=none "$ref" mvn -v 2>&1 | sed -n 's/^Apache Maven \([0-9.]*\).*/\1/p')"
}

main() {
  local kinds=("$@")
  [ ${#kinds[@]} -gt 0 ] || kinds=("${known_kinds[@]}")
  "$here/docker.sh"
  local kind
  for kind in "${kinds[@]}"; do
    local fn=base_${kind//-/_}
    if ! declare -F "$fn" >/dev/null; then
      echo "fathom: no offline image '$kind'; this script makes: ${known_kinds[*]}" >&2
      return 2
    fi
    "$fn"
  done
}

main "$@"
