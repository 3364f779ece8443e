# What the jvm21 compile step (compile.sh) and the warm Maven (warm-maven.sh) share, sourced by
# both inside fathom/builder-jvm21: the Maven settings and the versions for the first output line.

# JVM options of a cold Maven run when the build env sets no MAVEN_OPTS: one short-lived JVM.
FATHOM_MAVEN_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"

# The mirror Maven resolves everything from: the read-only file mirror, or MAVEN_MIRROR_URL.
fathom_mirror_url() {
  echo "${MAVEN_MIRROR_URL:-file:///fathom/mirror}"
}

fathom_mirror_name() {
  local mirror
  mirror=$(fathom_mirror_url)
  if [ "$mirror" = file:///fathom/mirror ]; then echo "the file mirror"; else echo "$mirror"; fi
}

# Maven's version from its core jar's name, Java's from the JDK's release file (no JVM started).
fathom_maven_version() {
  local jar
  for jar in "$MAVEN_HOME"/lib/maven-core-*.jar; do
    jar=${jar##*/maven-core-}
    echo "${jar%.jar}"
    return
  done
}

fathom_java_version() {
  sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release"
}

# fathom_maven_settings FILE: settings whose only mirror (mirrorOf *) is the mirror above, the local
# repository on the mounted cache volume, and central with snapshots on (the SDK may be one).
fathom_maven_settings() {
  cat >"$1" <<SETTINGS
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <localRepository>/fathom/cache/repository</localRepository>
  <interactiveMode>false</interactiveMode>
  <mirrors>
    <mirror>
      <id>fathom-mirror</id>
      <mirrorOf>*</mirrorOf>
      <url>$(fathom_mirror_url)</url>
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
}
