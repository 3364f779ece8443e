#!/usr/bin/env bash
# Prepares the Maven file mirror that jvm21 compile steps resolve from, idempotently.
#   scripts/maven-mirror.sh [DIR]     # default ${FATHOM_HOME:-~/.fathom}/maven-mirror
# The builder container has no network, so the plugins and libraries a jvm21 build needs come from
# this directory, mounted read-only and named as the mirror of every repository (file:// URL) in
# the settings the builder writes. It holds:
#   - everything `mvn package` and `dependency:copy-dependencies` of the jvm21 template resolve from
#     Maven Central (run here, in the jvm21 builder image with the host's network, against a fresh
#     local repository, so the mirror has exactly what that Maven needs),
#   - the function SDK, io.fathom.functions:runtime-jvm, from the checkout's built runtime-jvm (built
#     here when missing), with a pom naming its one API dependency (Jackson).
# The layout is a Maven repository's; .sha1 files are written for every file, and resolver
# bookkeeping (_remote.repositories, *.lastUpdated) is dropped. DIR/.fathom-mirror-key holds a
# content key (this script, the builder image, the template's pom, the SDK jar): when it matches,
# nothing is done, so a second run costs a few seconds; when only the SDK jar changed, only it is
# replaced. The builder puts the key into its compile cache key. Prints "DIR KEY".
# Settings: FATHOM_TARGET (runtime-jvm's build directory name, default target).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/lib.sh"

# Bump when the way the mirror is made changes.
mirror_version=1
dir=${1:-${FATHOM_HOME:-$HOME/.fathom}/maven-mirror}
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
target=${FATHOM_TARGET:-target}
template=$root/templates/jvm21

builder=$("$here/images.sh" jvm21-builder | awk '{print $1}')

runtime=$root/runtime-jvm/$target
runtime_jar() { ls "$runtime"/runtime-jvm-*.jar 2>/dev/null | grep -v -e '-sources.jar$' -e '-tests.jar$' | head -n 1; }
if [ -z "$(runtime_jar)" ] || [ ! -d "$runtime/lib" ]; then
  echo "fathom: building runtime-jvm (the function SDK) into $runtime" >&2
  fathom_use_java
  (cd "$root" && ./mvnw -q -B -ntp -pl runtime-jvm -am -DskipTests -Dfathom.target="$target" package)
fi
jar=$(runtime_jar)
version=$(basename "$jar" .jar)
version=${version#runtime-jvm-}
jackson=$(ls "$runtime/lib" | sed -n 's/^jackson-databind-\(.*\)\.jar$/\1/p' | head -n 1)
[ -n "$jackson" ] || { echo "fathom: $runtime/lib has no jackson-databind jar; rebuild runtime-jvm" >&2; exit 1; }

# Two keys: the third-party part (what Maven Central gave for this builder image and template) and
# the whole (that and the SDK jar). runtime-jvm's jar changes with every rebuild of the checkout
# (entry times), so a new SDK alone is copied into the existing mirror instead of resolving again.
deps_key=$(printf '%s\n' "maven-mirror.sh v$mirror_version" "$builder" "$version" "$jackson" \
  "$(sha256sum "$template/pom.xml" | cut -c1-64)" | sha256sum | cut -c1-16)
key=$(printf '%s\n' "$deps_key" "$(sha256sum "$jar" | cut -c1-64)" | sha256sum | cut -c1-16)

exec 9>"$dir.lock"
flock 9
if [ "$(cat "$dir/.fathom-mirror-key" 2>/dev/null)" = "$key" ]; then
  echo "$dir $key"
  exit 0
fi

# sdk_pom FILE: the SDK's pom, naming its one API dependency (Jackson).
sdk_pom() {
  cat >"$1" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.fathom.functions</groupId>
  <artifactId>runtime-jvm</artifactId>
  <version>$version</version>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>$jackson</version>
    </dependency>
  </dependencies>
</project>
POM
}

sdk_dir=$dir/io/fathom/functions/runtime-jvm/$version
if [ "$(cat "$dir/.fathom-deps-key" 2>/dev/null)" = "$deps_key" ] && [ -d "$sdk_dir" ]; then
  # Each file replaced by a rename: a build reading the mirror sees the old or the new one.
  cp "$jar" "$sdk_dir/.runtime-jvm.jar.new"
  sdk_pom "$sdk_dir/.runtime-jvm.pom.new"
  for ext in jar pom; do
    sha1sum "$sdk_dir/.runtime-jvm.$ext.new" | cut -c1-40 >"$sdk_dir/.runtime-jvm.$ext.sha1.new"
    chmod a+r "$sdk_dir/.runtime-jvm.$ext.new" "$sdk_dir/.runtime-jvm.$ext.sha1.new"
    mv "$sdk_dir/.runtime-jvm.$ext.new" "$sdk_dir/runtime-jvm-$version.$ext"
    mv "$sdk_dir/.runtime-jvm.$ext.sha1.new" "$sdk_dir/runtime-jvm-$version.$ext.sha1"
  done
  echo "$key" >"$dir/.fathom-mirror-key"
  echo "fathom: updated the function SDK in the Maven mirror $dir" >&2
  echo "$dir $key"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fathom-maven-mirror.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project" "$work/repo" "$work/sdk"
(cd "$template" && tar --exclude=./target --exclude=./scaffolding -cf - .) | (cd "$work/project" && tar -xf -)
sed -i 's/{{name}}/maven-mirror-probe/g; s/{{description}}/maven mirror probe/g' \
  "$work/project/pom.xml" "$work/project/func.yaml"
cp "$jar" "$work/sdk/runtime-jvm.jar"
sdk_pom "$work/sdk/runtime-jvm.pom"

echo "fathom: resolving the jvm21 template's plugins and libraries from Maven Central into $dir" >&2
mvn=(mvn -B -ntp -Dmaven.repo.local=/work/repo)
if ! docker run --rm --network=host --user "$(id -u):$(id -g)" -e HOME=/tmp -v "$work:/work" \
  -w /work/project "$builder" bash -c "
    set -e
    ${mvn[*]} -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
      -Dfile=/work/sdk/runtime-jvm.jar -DpomFile=/work/sdk/runtime-jvm.pom
    ${mvn[*]} -q -DskipTests -Dfathom.runtime.version=$version package \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/lib
  " >"$work/maven.log" 2>&1; then
  tail -40 "$work/maven.log" >&2
  echo "fathom: could not resolve the jvm21 template's dependencies (Maven Central reachable?)" >&2
  exit 1
fi

# Repository layout for a remote (file://) repository: no resolver bookkeeping, plain metadata
# names, a .sha1 beside every file.
repo=$work/repo
find "$repo" \( -name _remote.repositories -o -name '*.lastUpdated' -o -name resolver-status.properties \) -delete
find "$repo" -name 'maven-metadata-*.xml' | while read -r meta; do
  mv "$meta" "$(dirname "$meta")/maven-metadata.xml"
done
find "$repo" -type f ! -name '*.sha1' ! -name '*.md5' ! -name '*.sha256' ! -name '*.sha512' |
  while read -r file; do
    [ -f "$file.sha1" ] || sha1sum "$file" | cut -c1-40 >"$file.sha1"
  done
echo "$key" >"$repo/.fathom-mirror-key"
echo "$deps_key" >"$repo/.fathom-deps-key"
chmod -R a+rX "$repo"

rm -rf "$dir.old"
[ -d "$dir" ] && mv "$dir" "$dir.old"
mv "$repo" "$dir"
rm -rf "$dir.old"
echo "$dir $key"
