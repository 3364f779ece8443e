# Shared helpers for the project's scripts. Source it; it defines functions only.

# Prints the path of a java >= 21: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*.
fathom_java() {
  local candidate version
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "fathom: no Java 21 or newer found; install a JDK >= 21 (e.g. apt-get install openjdk-21-jdk or Temurin 25) or set JAVA_HOME" >&2
  return 1
}

# Exports JAVA_HOME for the java that fathom_java finds.
fathom_use_java() {
  local java
  java=$(fathom_java) || return 1
  JAVA_HOME=$(cd "$(dirname "$java")/.." && pwd)
  export JAVA_HOME
}

# Runs a command as root: directly when we are root, else through sudo.
fathom_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages that are missing (idempotent; apt-get update only when needed).
fathom_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "fathom: installing ${missing[*]}" >&2
  fathom_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  fathom_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
