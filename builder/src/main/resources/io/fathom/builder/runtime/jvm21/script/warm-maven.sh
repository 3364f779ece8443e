#!/bin/bash
# The warm Maven of jvm21, run by the builder inside fathom/builder-jvm21 (never on the host) as a
# long-lived container: MavenDaemon in one JVM, started through Maven's own launcher
# (plexus-classworlds) with a copy of Maven's bin/m2.conf whose `main is` line names MavenDaemon
# (loaded from /fathom/warm/daemon), so Maven's core realm is the one `mvn` sets up. MavenDaemon
# connects to the builder's socket and runs compile.sh's build (the same paths, settings.xml and
# arguments) once per request, each time on a fresh copy of the source.
#   /fathom/scaffolding  this script, compile.sh and maven-settings.sh (read-only)
#   /fathom/mirror       the Maven file mirror (read-only; absent with MAVEN_MIRROR_URL)
#   /fathom/cache        the Maven local repository (the cold step's volume)
#   /fathom/warm         (read-only) daemon/ (MavenDaemon.class) and host.sock (the builder's socket)
set -euo pipefail
work=/fathom/workspace/build
mkdir -p "$work/project"
source /fathom/scaffolding/maven-settings.sh
fathom_maven_settings "$work/settings.xml"
sed -e 's/^main is .*/main is io.fathom.builder.internal.MavenDaemon from plexus.core/' \
  -e '/^\[plexus.core\]/a load       /fathom/warm/daemon' \
  "$MAVEN_HOME/bin/m2.conf" >"$work/m2.conf"
grep -q '^main is io.fathom.builder.internal.MavenDaemon' "$work/m2.conf"

export HOME=/tmp
opts=${MAVEN_OPTS:-$FATHOM_MAVEN_OPTS}
# As bin/mvn (MNG-8248).
if java --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
  opts="--enable-native-access=ALL-UNNAMED $opts"
fi
launcher=$(echo "$MAVEN_HOME"/boot/plexus-classworlds-*.jar)
cd "$work/project"
# shellcheck disable=SC2086 # MAVEN_OPTS is word-split, as bin/mvn does
exec java $opts -classpath "$launcher" \
  "-Dclassworlds.conf=$work/m2.conf" \
  "-Dmaven.home=$MAVEN_HOME" \
  "-Dlibrary.jansi.path=$MAVEN_HOME/lib/jansi-native" \
  "-Dmaven.multiModuleProjectDirectory=$work/project" \
  org.codehaus.plexus.classworlds.launcher.Launcher /fathom/warm/host.sock
