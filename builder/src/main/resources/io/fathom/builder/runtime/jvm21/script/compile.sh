#!/bin/bash
# The jvm21 compile step, run by the builder inside fathom/builder-jvm21 (never on the host).
# The same build as templates/jvm21/scaffolding/build.sh: `mvn package` (tests compiled, not run)
# and the runtime-scope dependencies copied out, on a fresh copy of the function's tree (target/
# and .git left out). Differences: fixed in-container paths, Maven settings that name one mirror
# for every repository (the read-only file mirror, or MAVEN_MIRROR_URL from the build env), and the
# local repository on the mounted cache volume.
#   /fathom/src          the staged function tree (read-only)
#   /fathom/scaffolding  this script (read-only)
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

mirror=${MAVEN_MIRROR_URL:-file:///fathom/mirror}
cat >"$work/settings.xml" <<SETTINGS
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <localRepository>/fathom/cache/repository</localRepository>
  <interactiveMode>false</interactiveMode>
  <mirrors>
    <mirror>
      <id>fathom-mirror</id>
      <mirrorOf>*</mirrorOf>
      <url>$mirror</url>
    </mirror>
  </mirrors>
  <!-- Central with snapshots on: the mirror stands in for it, and the SDK may be a snapshot. -->
  <profiles>
    <profile>
      <id>fathom-snapshots</id>
      <repositories>
        <repository>
          <id>central</id>
          <url>https://repo.maven.apache.org/maven2</url>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>central</id>
          <url>https://repo.maven.apache.org/maven2</url>
          <snapshots><enabled>true</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>fathom-snapshots</activeProfile>
  </activeProfiles>
</settings>
SETTINGS

export HOME=/tmp
export MAVEN_OPTS="${MAVEN_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
mirror_name=$mirror
[ "$mirror" = file:///fathom/mirror ] && mirror_name="the file mirror"
echo "fathom: building $(basename "$(sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p' "$src/pom.xml" | head -n 1)") with Maven $(mvn -v 2>/dev/null | sed -n 's/^Apache Maven \([0-9.]*\).*/\1/p') on Java $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p') from $mirror_name" >&2
cd "$work/project"
# -DskipTests: tests are compiled, not run (the function's own CI runs them). Maven's [ERROR]
# lines (the compiler's messages among them) go to stderr, the rest to stdout.
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
