package io.fathom.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.scaffolds.Scaffolder;
import io.fathom.scaffolds.TemplateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the tests that live next to the non-Java code, each with its own toolchain, offline: every
 * template's own tests, on the template rendered as a user gets it from {@code --auto-create}, and
 * the runtimes' and scaffolding's test suites. A failing command fails the build with its output.
 */
class ToolchainTestsTest {
  static final Path ROOT = LocalFunction.ROOT;

  /** Debian's Python, where python3-pytest and python3-jsonschema are installed. */
  static final String PYTHON =
      Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  static Stream<Arguments> suites() {
    return Stream.of(
        suite("python310 template", rendered("python310"), PYTHON, "-m", "pytest", "-q", "tests"),
        suite(
            "python shim",
            ".",
            PYTHON,
            "-m",
            "unittest",
            "discover",
            "-s",
            "runtime-python-shim/tests",
            "-t",
            "runtime-python-shim"),
        suite(
            "go124 template",
            ".",
            "bash",
            "templates/go124/scaffolding/test.sh",
            rendered("go124")),
        suite("go124 runtime", ".", "bash", "templates/go124/scaffolding/runtime-test.sh"),
        suite(
            "rust189 template",
            ".",
            "bash",
            "templates/rust189/scaffolding/test.sh",
            rendered("rust189"),
            work("rust189-template")),
        suite(
            "rust186 template",
            ".",
            "bash",
            "templates/rust186/scaffolding/test.sh",
            rendered("rust186"),
            work("rust186-template")),
        suite("rust runtime", ".", "bash", "templates/rust189/scaffolding/runtime-test.sh"),
        suite(
            "jvm21 template",
            ".",
            "env",
            "FATHOM_BUILD_TESTS=1",
            "bash",
            "templates/jvm21/scaffolding/build.sh",
            rendered("jvm21"),
            work("jvm21-template")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void suitePasses(String name, String dir, List<String> command) throws Exception {
    Path log = Files.createTempFile("fathom-toolchain-test", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(ROOT.resolve(dir).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("%s timed out:%n%s", name, output).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", name, output).isZero();
  }

  private static Arguments suite(String name, String dir, String... command) {
    return Arguments.of(name, dir, List.of(command));
  }

  /** The kind's template rendered for a function named {@code my-fn}: what a user downloads. */
  private static String rendered(String kind) {
    try {
      Path dir = Files.createTempDirectory("fathom-rendered-" + kind);
      for (TemplateFile file :
          Scaffolder.render(
              new Scaffolder.Request(kind, "my-fn", "A \"quoted\" description", null, null))) {
        Path target = dir.resolve(file.path());
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
        if (file.executable()) {
          target.toFile().setExecutable(true);
        }
      }
      return dir.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String work(String name) {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fathom-toolchain-tests", name);
      Files.createDirectories(dir);
      return dir.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
