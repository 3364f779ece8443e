package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.docker.DockerClientResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The builder's Jib {@code DockerClient} against the real engine: Jib picks it only for images the
 * builder marks, and its inspect and info agree with the docker CLI. (Its load runs in every
 * daemon-target build of the builder ITs, which compare the loaded image's id with Jib's.)
 */
class EngineDockerClientIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String BASE = "fathom/base-python310:latest";

  @BeforeAll
  static void images() throws Exception {
    run("scripts/docker.sh");
    assertThat(run("scripts/images.sh", "python310")).contains("fathom/base-python310:");
  }

  @Test
  void chosenByJibOnlyForMarkedImages() {
    assertThat(DockerClientResolver.resolve(EngineDockerClient.environment(List.of(BASE))))
        .get()
        .isInstanceOf(EngineDockerClient.class);
    assertThat(DockerClientResolver.resolve(Map.of())).isEmpty();
  }

  @Test
  void inspect_agreesWithTheDockerCli_andAMissingImageIsAnError() throws Exception {
    EngineDockerClient client = new EngineDockerClient();
    ImageDetails details = client.inspect(ImageReference.parse(BASE));

    assertThat(details.getImageId().toString())
        .isEqualTo(run("docker", "image", "inspect", "--format", "{{.Id}}", BASE).trim());
    assertThat(details.getDiffIds())
        .extracting(DescriptorDigest::toString)
        .containsExactlyElementsOf(
            List.of(
                run("docker", "image", "inspect", "--format", "{{join .RootFS.Layers \" \"}}", BASE)
                    .trim()
                    .split(" ")));
    assertThat(details.getSize()).isPositive();
    assertThatThrownBy(() -> client.inspect(ImageReference.parse("fathom-it/no-such-image:x")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No such image");
  }

  @Test
  void info_saysLinuxAndTheEnginesArchitecture() throws Exception {
    var info = new EngineDockerClient().info();
    assertThat(info.getOsType()).isEqualTo("linux");
    assertThat(info.getArchitecture())
        .isEqualTo(run("docker", "info", "--format", "{{.Architecture}}").trim());
  }

  private static String run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(process.waitFor()).as("%s: %s", List.of(command), out).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
