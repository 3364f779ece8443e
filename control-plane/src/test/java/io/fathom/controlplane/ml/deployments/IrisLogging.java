package io.fathom.controlplane.ml.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Iris ONNX model of document section 5.1.2, made here with Debian's python3-onnx. */
final class IrisLogging {
  private IrisLogging() {}

  static byte[] onnx() throws IOException, InterruptedException {
    Path script = repositoryFile("scripts/make_iris_onnx.py");
    Path out = Files.createTempDirectory("iris-onnx").resolve("model.onnx");
    Process process =
        new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(
          "Making the Iris ONNX model failed; run scripts/onnx-test-models.sh:\n" + output);
    }
    return Files.readAllBytes(out);
  }

  static String resource(String name) {
    try (InputStream in = IrisLogging.class.getResourceAsStream("/mlflow/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Path repositoryFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
