#!/bin/bash
# The jvm21 compile step, run by the builder inside fathom/builder-jvm21 (never on the host).
# The same build as templates/jvm21/scaffolding/build.sh: `mvn package` (tests compiled, not run)
# and the runtime-scope dependencies copied out, on a fresh copy of the function's tree (target/
# and .git left out). Differences: fixed in-container paths, Maven settings that name one mirror
# for every repository (the read-only file mirror, or MAVEN_MIRROR_URL from the build env:
# maven-settings.sh), and the local repository on the mounted cache volume. warm-maven.sh runs the
# same build (these paths, settings and arguments) in a warm JVM instead (MavenDaemon).
#   /fathom/src          the staged function tree (read-only)
#   /fathom/scaffolding  this script and maven-settings.sh (read-only)
#   /fathom/mirror       the Maven file mirror (read-only; scripts/maven-mirror.sh makes it)
#   /fathom/workspace    build/ and out/ (read-write; out/classes and out/lib are the result)
#   /fathom/cache        the Maven local repository (a volume keyed by cache scope, pom.xml and the mirror)
# FATHOM_RUNTIME_VERSION: the function SDK version the host in the image is (fathom.runtime.version).
set -euo pipefail
src=/fathom/src
work=/fathom/workspace/build
out=/fathom/workspace/out

if [ ! -f "$src/pom.xml" ]; then
  echo "fathom: not a jvm21 function: it needs a pom.xml (a Maven project)" >&2
  exit 1
fi

rm -rf "$work" "$out"
mkdir -p "$work/project" "$out"
(cd "$src" && tar --exclude=./target --exclude=./.git -cf - .) | (cd "$work/project" && tar -xf -)

source /fathom/scaffolding/maven-settings.sh
fathom_maven_settings "$work/settings.xml"

export HOME=/tmp
export MAVEN_OPTS="${MAVEN_OPTS:-$FATHOM_MAVEN_OPTS}"
# The versions come from files, not from `mvn -v` and `java -XshowSettings`: two JVM starts less.
echo "fathom: building $(basename "$(sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p' "$src/pom.xml" | head -n 1)") with Maven $(fathom_maven_version) on Java $(fathom_java_version) from $(fathom_mirror_name)" >&2
cd "$work/project"
# -DskipTests: tests are compiled, not run (the function's own CI runs them). Maven's [ERROR]
# lines (the compiler's messages among them) go to stderr, the rest to stdout. The warm Maven
# passes the same arguments (MavenCompile.arguments; a test checks they match).
mvn -B -ntp -s "$work/settings.xml" -DskipTests \
  -Dfathom.runtime.version="${FATHOM_RUNTIME_VERSION:?}" \
  package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$work/lib" \
  2>&1 | awk '/^\[ERROR\]/ { print > "/dev/stderr"; fflush("/dev/stderr"); next } { print; fflush() }'
status=${PIPESTATUS[0]}
if [ "$status" != 0 ]; then
  echo "fathom: mvn package failed (exit $status)" >&2
  exit "$status"
fi
mkdir -p "$work/lib" "$work/project/target/classes"
cp -R "$work/project/target/classes" "$out/classes"
cp -R "$work/lib" "$out/lib"
echo "fathom: built $(find "$out/classes" -name '*.class' | wc -l) classes and $(find "$out/lib" -name '*.jar' | wc -l) dependency jars" >&2
