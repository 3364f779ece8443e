package io.fathom.runtime.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The test models of {@code scripts/make_test_onnx_models.py} (Debian python3-onnx, installed by
 * {@code scripts/onnx-test-models.sh}), made once per test JVM into a temporary directory.
 */
public final class TestModels {
  private static Path dir;

  private TestModels() {}

  /** The MLflow model directory {@code name} (iris, iris-fixed, fixed14, types, strings…). */
  public static synchronized Path model(String name) {
    if (dir == null) {
      dir = make();
    }
    return dir.resolve(name);
  }

  private static Path make() {
    try {
      Path out = Files.createTempDirectory("fathom-test-models");
      Path script = repositoryFile("scripts/make_test_onnx_models.py");
      Process process =
          new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(
            "Making the test ONNX models failed; install Debian's python3-onnx with"
                + " scripts/onnx-test-models.sh:\n"
                + output);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot make the test models", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static Path repositoryFile(String relative) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(relative))) {
        return d.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
