#!/usr/bin/env bash
# Image build benchmark per kind (docs/benchmarks.md, "Image builds per kind"): the builder against
# `docker build` (legacy builder, --network=none, no pulls) on the conformance fixture of each kind.
#   bench/builds.sh [RUNS] [KIND...]     # RUNS defaults to 5, KINDs to python310 go124 (also: jvm21)
# Needs Docker. Makes the base/builder images if missing (scripts/images.sh), builds the builder
# module (target dir target-buildbench, or FATHOM_BENCH_TARGET), then runs bench/BuildBench.java.
# Removes what it made. jvm21 also needs the Maven file mirror (scripts/maven-mirror.sh, kept in
# $TMPDIR/fathom-bench-maven-mirror), and builds with a warm Maven as the control plane does
# (FATHOM_BENCH_WARM_MAVEN=off: Maven in a fresh container for every build). The machine's load
# (uptime) is printed before and after: other builds on a shared machine move the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(python310 go124)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
target=${FATHOM_BENCH_TARGET:-target-buildbench}

images=()
for k in "${kinds[@]}"; do
  case $k in
    python310) images+=(python310) ;;
    go124) images+=(go124-builder) ;;
    rust189) images+=(rust-builder) ;;
    jvm21) images+=(jvm21 jvm21-builder) ;;
    *) echo "builds.sh: unsupported kind $k (python310, go124, rust189, jvm21)" >&2; exit 2 ;;
  esac
done
scripts/images.sh "${images[@]}" >&2

cp_file=$(mktemp)
work=$(mktemp -d "${TMPDIR:-/tmp}/fathom-bench-builds.XXXXXX")
trap 'rm -rf "$work" "$cp_file"' EXIT
./mvnw -q -B -pl builder -am package -DskipTests -Dfathom.target=$target >&2
./mvnw -q -B -pl builder -am dependency:build-classpath -Dfathom.target=$target \
  -Dmdep.outputFile="$cp_file" >&2

# jvm21 resolves from a Maven file mirror (made once, kept: its content key makes a rerun cheap).
mirror=${TMPDIR:-/tmp}/fathom-bench-maven-mirror
if printf '%s\n' "${kinds[@]}" | grep -qx jvm21; then
  FATHOM_TARGET=$target scripts/maven-mirror.sh "$mirror" >&2
fi

# dependency:build-classpath resolves the project's own modules (scaffolds, templates) from
# ~/.m2, which may hold another checkout's snapshot: use the jars this reactor build just made.
cp=$(tr ':' '\n' <"$cp_file" | while read -r entry; do
  case $entry in
    */io/fathom/functions/*/0.1.0-SNAPSHOT/*.jar)
      module=$(basename "$(dirname "$(dirname "$entry")")")
      echo "$PWD/$module/$target/$module-0.1.0-SNAPSHOT.jar" ;;
    *) echo "$entry" ;;
  esac
done | paste -sd:)

echo "load before: $(uptime)"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, Docker $(docker version --format '{{.Server.Version}}'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(date -u +%F)"
"$JAVA_HOME/bin/java" -cp "builder/$target/builder-0.1.0-SNAPSHOT.jar:$cp" \
  -Dfathom.bench.maven-mirror="$mirror" -Dfathom.bench.target="$target" \
  -Dfathom.bench.warm-maven="${FATHOM_BENCH_WARM_MAVEN:-on}" \
  bench/BuildBench.java "$PWD" "$work" "$runs" "${kinds[@]}"
echo "load after: $(uptime)"
