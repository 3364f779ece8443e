package io.fathom.controlplane.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.build.BuildSettings;
import io.fathom.controlplane.config.FathomHome;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU model server image built on first use into the real Docker daemon from the jars the
 * control plane finds at run time: runtime-jvm's, carried in the builder, and ONNX Runtime's from
 * the local Maven repository (where building the project put it). A second instance on the same
 * cache (a restarted control plane) gets the same image without building. Runs {@code
 * scripts/docker.sh} and {@code scripts/images.sh jvm21} itself and fails loudly without them.
 */
class ModelServerImagesIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path home;

  @BeforeAll
  static void engineAndBaseImage() throws Exception {
    run("scripts/docker.sh");
    assertThat(run("scripts/images.sh", "jvm21")).contains("fathom/base-jvm21:");
  }

  private static ModelServerSettings settings(String gpuJar, String repository) {
    BuildSettings builds = new BuildSettings(2, "", "", "", new FathomHome(home.toString()));
    return new ModelServerSettings("", "", "", gpuJar, repository, "", builds);
  }

  @Test
  void cpuImage_isBuiltOnFirstUse_keptByTheProcess_andFoundAgainAfterARestart() throws Exception {
    ModelServerImages images = new ModelServerImages(settings("", ""));

    String reference = images.image(ModelServerVariant.CPU);

    assertThat(reference).matches("fathom/model-server:cpu-[0-9a-f]{16}");
    ModelServerImage image = images.describe(ModelServerVariant.CPU);
    assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(run("docker", "image", "inspect", "--format", "{{.Id}}", reference).strip())
        .isEqualTo(image.imageId());
    assertThat(images.ifBuilt(ModelServerVariant.CPU)).contains(image);
    assertThat(images.ifBuilt(ModelServerVariant.GPU)).isEmpty();

    ModelServerImages restarted = new ModelServerImages(settings("", ""));
    long start = System.nanoTime();
    ModelServerImage again = restarted.describe(ModelServerVariant.CPU);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("[model-server-images-it] cpu image after a restart: %d ms%n", tookMs);
    assertThat(again).isEqualTo(image);
  }

  @Test
  void gpuImage_withoutItsJar_failsWithACode_andWithTheCpuJar_isAMismatch() {
    ModelServerImages noJar =
        new ModelServerImages(settings("", home.resolve("empty-m2").toString()));
    ModelServerImageException missing =
        catchThrowableOfType(
            ModelServerImageException.class, () -> noJar.image(ModelServerVariant.GPU));
    assertThat(missing.code()).isEqualTo("model-server-runtime-missing");

    Path cpuJar =
        Path.of(System.getProperty("user.home"), ".m2", "repository")
            .resolve(ModelServerVariant.CPU.mavenRepositoryPath("1.29.0"));
    ModelServerImages wrongJar = new ModelServerImages(settings(cpuJar.toString(), ""));
    ModelServerImageException mismatch =
        catchThrowableOfType(
            ModelServerImageException.class, () -> wrongJar.image(ModelServerVariant.GPU));
    assertThat(mismatch.code()).isEqualTo("onnxruntime-variant-mismatch");
    assertThat(mismatch.getMessage())
        .startsWith("The gpu model server image cannot be built: ")
        .contains("onnxruntime_gpu");
  }

  private static String run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    int status = process.waitFor();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("%s exited %d:%n%s", String.join(" ", command), status, text).isZero();
    return text;
  }
}
