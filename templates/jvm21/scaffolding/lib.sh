# Helpers for build.sh and local.sh (jvm21). Source it; it defines functions only.

jvm21_die() {
  echo "jvm21: $*" >&2
  exit 1
}

# The repository checkout these scripts belong to (templates/jvm21/scaffolding/../../..).
jvm21_repo_root() {
  (cd -P "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
}

# The built runtime-jvm: a folder with runtime-jvm-VERSION.jar and lib/ (FATHOM_RUNTIME_JVM, else
# runtime-jvm/${FATHOM_TARGET:-target} in the checkout). Prints it, or says how to build it.
jvm21_runtime_dir() {
  local dir="${FATHOM_RUNTIME_JVM:-$(jvm21_repo_root)/runtime-jvm/${FATHOM_TARGET:-target}}"
  local root other others=""
  if [ -z "$(jvm21_runtime_jar "$dir")" ] || [ ! -d "$dir/lib" ]; then
    root=$(jvm21_repo_root)
    for other in "$root"/runtime-jvm/target-*; do
      [ -d "$other/lib" ] && [ -n "$(jvm21_runtime_jar "$other")" ] && others="$others ${other##*/}"
    done
    [ -n "$others" ] && others="; built copies exist in runtime-jvm/{$others }: set FATHOM_TARGET to use one"
    jvm21_die "the JVM function host is not built (no runtime-jvm-*.jar and lib/ in $dir); build it with: (cd '$root' && ./mvnw -q -pl runtime-jvm -DskipTests package), or set FATHOM_RUNTIME_JVM to a folder that has them$others"
  fi
  (cd "$dir" && pwd)
}

# The runtime-jvm jar in a folder (not -sources or -tests), or nothing.
jvm21_runtime_jar() {
  local jar
  for jar in "$1"/runtime-jvm-*.jar; do
    case "$jar" in *-sources.jar | *-tests.jar | *-javadoc.jar) continue ;; esac
    [ -f "$jar" ] && echo "$jar" && return 0
  done
  return 0
}

# A java of version 21 or later: $JAVA_HOME, Temurin 25, any JDK under /usr/lib/jvm, then PATH.
jvm21_java() {
  local candidate version
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
    /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  jvm21_die "no Java 21 or newer found; set JAVA_HOME to a JDK 21+"
}

# func.yaml's entryPoint (quotes and trailing comments removed).
jvm21_entry_point() {
  local value
  value=$(sed -n 's/^entryPoint:[[:space:]]*//p' "$1/func.yaml" 2>/dev/null | head -n 1)
  value="${value%%#*}"
  value=$(printf '%s' "$value" | tr -d "\"' \t\r")
  [ -n "$value" ] || jvm21_die "$1/func.yaml has no entryPoint (the class that implements io.fathom.runtime.sdk.Function)"
  echo "$value"
}
