package io.fathom.conformance;

import io.fathom.builder.api.Builder;
import java.nio.file.Path;
import java.util.List;

/**
 * The runtime contract against the jvm21 fixture's built image: Maven in the offline builder image
 * from the Maven file mirror ({@code scripts/maven-mirror.sh}, made or found cached here), the JVM
 * host on the offline jlink'd runtime base.
 */
class Jvm21ImageContractIT extends ImageContractSuite {
  /** Outside the build tree, so that a second run finds it made (its content key matches). */
  private static final Path MIRROR =
      Path.of(System.getProperty("java.io.tmpdir"), "fathom-it-maven-mirror");

  @Override
  String kind() {
    return "jvm21";
  }

  @Override
  String baseImage() {
    return "docker://fathom/base-jvm21:latest";
  }

  @Override
  List<String> offlineImages() {
    return List.of("jvm21", "jvm21-builder");
  }

  private static boolean mirrorReady;

  /** The mirror made (or found current) once per run: every test starts the image again. */
  @Override
  Builder builder() throws Exception {
    synchronized (Jvm21ImageContractIT.class) {
      if (!mirrorReady) {
        ImageFunction.run("scripts/maven-mirror.sh", MIRROR.toString());
        mirrorReady = true;
      }
    }
    return Builder.create().withMavenMirror(MIRROR);
  }
}
