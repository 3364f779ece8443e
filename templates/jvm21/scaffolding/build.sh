#!/usr/bin/env bash
# Builds a jvm21 function: build.sh SRC_DIR WORK_DIR
#
# Copies SRC_DIR (without target/) to WORK_DIR/src, puts the function SDK (the built runtime-jvm
# jar) into the local Maven repository as io.fathom.functions:runtime-jvm, runs `mvn package`
# there (offline when the local repository has everything) and copies the runtime dependencies to
# WORK_DIR/src/target/lib. Writes WORK_DIR/classpath: the function's classes and dependencies.
# Messages go to stderr.
#
# Needs: runtime-jvm built (./mvnw -q -pl runtime-jvm -DskipTests package), a JDK 21+, and Maven
# (the checkout's ./mvnw, else `mvn` on PATH, else FATHOM_MVN).
# Options (environment): FATHOM_BUILD_TESTS=1 runs the function's tests; FATHOM_MAVEN_OFFLINE=1|0
# forces offline or online; FATHOM_RUNTIME_JVM names the folder with runtime-jvm-*.jar and lib/.
set -euo pipefail
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

[ $# -eq 2 ] || jvm21_die "usage: build.sh SRC_DIR WORK_DIR"
[ -f "$1/pom.xml" ] || jvm21_die "$1 has no pom.xml; a jvm21 function is a Maven project"
src=$(cd "$1" && pwd)
mkdir -p "$2"
work=$(cd "$2" && pwd)

runtime=$(jvm21_runtime_dir)
runtime_jar=$(jvm21_runtime_jar "$runtime")
runtime_version=$(basename "$runtime_jar" .jar)
runtime_version=${runtime_version#runtime-jvm-}
java=$(jvm21_java)
JAVA_HOME=$(cd "$(dirname "$java")/.." && pwd)
export JAVA_HOME

root=$(jvm21_repo_root)
if [ -n "${FATHOM_MVN:-}" ]; then
  mvn=("$FATHOM_MVN")
elif [ -x "$root/mvnw" ]; then
  mvn=("$root/mvnw")
elif command -v mvn >/dev/null 2>&1; then
  mvn=(mvn)
else
  jvm21_die "no Maven found: install it (apt-get install maven) or set FATHOM_MVN"
fi
mvn+=(-B -ntp)

# Runs Maven offline first (unless told otherwise); online again only when offline lacked artifacts.
maven() {
  local log="$work/maven.log" status
  if [ "${FATHOM_MAVEN_OFFLINE:-}" != 0 ]; then
    status=0
    "${mvn[@]}" -o "$@" >"$log" 2>&1 || status=$?
    if [ $status -eq 0 ]; then return 0; fi
    if [ "${FATHOM_MAVEN_OFFLINE:-}" = 1 ] || ! grep -q -i "offline" "$log"; then
      cat "$log" >&2
      return $status
    fi
    echo "jvm21: the local Maven repository lacks some artifacts; resolving them online" >&2
  fi
  "${mvn[@]}" "$@" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
}

# The SDK: runtime-jvm's jar with a pom that names its one API dependency (Jackson), so the user's
# `provided` dependency resolves offline. Installed again only when the jar or that pom changed.
repo="${FATHOM_MAVEN_REPO:-$HOME/.m2/repository}"
installed="$repo/io/fathom/functions/runtime-jvm/$runtime_version/runtime-jvm-$runtime_version"
jackson=$(ls "$runtime/lib" | sed -n 's/^jackson-databind-\(.*\)\.jar$/\1/p' | head -n 1)
[ -n "$jackson" ] || jvm21_die "$runtime/lib has no jackson-databind jar; rebuild runtime-jvm"
cat >"$work/runtime-jvm.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.fathom.functions</groupId>
  <artifactId>runtime-jvm</artifactId>
  <version>$runtime_version</version>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>$jackson</version>
    </dependency>
  </dependencies>
</project>
POM
if ! cmp -s "$runtime_jar" "$installed.jar" || ! cmp -s "$work/runtime-jvm.pom" "$installed.pom"; then
  echo "jvm21: installing the function SDK io.fathom.functions:runtime-jvm:$runtime_version into the local Maven repository" >&2
  maven -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    -Dfile="$runtime_jar" -DpomFile="$work/runtime-jvm.pom"
fi

# A fresh copy of the sources: the build never writes into SRC_DIR.
rm -rf "$work/src"
mkdir -p "$work/src"
(cd "$src" && tar --exclude=./target --exclude=./.git -cf - .) | (cd "$work/src" && tar -xf -)

tests=(-DskipTests)
[ "${FATHOM_BUILD_TESTS:-0}" = 1 ] && tests=()
echo "jvm21: building $src with Maven (JDK $JAVA_HOME)" >&2
maven -q -f "$work/src/pom.xml" "${tests[@]}" -Dfathom.runtime.version="$runtime_version" \
  package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$work/src/target/lib"
mkdir -p "$work/src/target/lib"

echo "$work/src/target/classes:$work/src/target/lib/*" >"$work/classpath"
echo "jvm21: built $(jvm21_entry_point "$src") into $work" >&2
