package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.CompileLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compile-step runner against the real engine, in the go124 builder image (made or found cached
 * by scripts/images.sh): isolation, output, exit codes, the time limit, and cleanup.
 */
class DockerCompileRunnerIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String IMAGE = "fathom/builder-go124:latest";
  private static final String LABEL = "io.fathom.builder-test";

  private final DockerCompileRunner runner = new DockerCompileRunner();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void images() throws Exception {
    run("scripts/docker.sh");
    assertThat(run("scripts/images.sh", "go124-builder")).contains("fathom/builder-go124:");
  }

  private CompileRunner.Spec spec(String script, Map<String, String> env, Duration timeout) {
    return new CompileRunner.Spec(
        IMAGE,
        List.of("bash", "-c", script),
        env,
        List.of(),
        false,
        new CompileLimits(64, 256L << 20, timeout),
        Map.of(LABEL, "runner-it"));
  }

  @Test
  void run_noNetwork_envOnlyAsGiven_outputPerStream_exitCode_containerRemoved() throws Exception {
    int code =
        runner.run(
            spec(
                "ls /sys/class/net | tr '\\n' ' '; echo; echo \"token=$TOKEN\"; echo oops >&2;"
                    + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
                    + " || cat /sys/fs/cgroup/memory.max; exit 3",
                Map.of("TOKEN", "t-123"),
                Duration.ofMinutes(1)),
            (stream, line) -> lines.add(stream + ":" + line),
            e -> {});

    assertThat(code).isEqualTo(3);
    assertThat(lines)
        .contains("stdout:lo ", "stdout:token=t-123", "stderr:oops", "stdout:268435456");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void run_pastTheTimeLimit_isKilledAndRemoved_buildTimeout() throws Exception {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                runner.run(
                    spec("echo started; sleep 120", Map.of(), Duration.ofSeconds(2)),
                    (stream, line) -> lines.add(line),
                    e -> {}))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("build-timeout"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(lines).contains("started");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void missingImage_isBuilderImageMissing() {
    assertThatThrownBy(() -> runner.imageId("fathom/no-such-builder:never"))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("builder-image-missing"))
        .hasMessageContaining("scripts/images.sh");
  }

  @Test
  void removeLeftovers_removesLabelledBuilderContainersOfADeadProcess() throws Exception {
    String id =
        run(
                "docker",
                "create",
                "--label",
                CompileRunner.CONTAINER_LABEL + "=go124",
                "--network=none",
                IMAGE,
                "true")
            .trim();

    int removed = runner.removeLeftovers();

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(run("docker", "ps", "-a", "-q", "--no-trunc", "--filter", "id=" + id).trim())
        .isEmpty();
  }

  @Test
  void removeLeftovers_ofAnOwnedRunner_leavesOtherOwnersContainersAlone() throws Exception {
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    DockerCompileRunner mine = new DockerCompileRunner("plane-a-" + suffix);
    DockerCompileRunner theirs = new DockerCompileRunner("plane-b-" + suffix);
    CompileRunner.Spec sleeping = spec("sleep 60", Map.of(), Duration.ofMinutes(1));
    String id =
        mine.start(
            new CompileRunner.Spec(
                sleeping.image(),
                sleeping.command(),
                sleeping.env(),
                sleeping.mounts(),
                false,
                sleeping.limits(),
                Map.of(LABEL, "runner-it", CompileRunner.CONTAINER_LABEL, "go124")));
    try {
      assertThat(
              run(
                      "docker",
                      "inspect",
                      "-f",
                      "{{index .Config.Labels \"" + CompileRunner.OWNER_LABEL + "\"}}",
                      id)
                  .trim())
          .isEqualTo("plane-a-" + suffix);

      assertThat(theirs.removeLeftovers()).isZero();
      assertThat(mine.running(id)).as("another owner's cleanup left it running").isTrue();

      assertThat(mine.removeLeftovers()).isEqualTo(1);
      assertThat(run("docker", "ps", "-a", "-q", "--no-trunc", "--filter", "id=" + id).trim())
          .isEmpty();
    } finally {
      mine.remove(id);
    }
  }

  private static String leftovers() throws Exception {
    return run("docker", "ps", "-a", "-q", "--filter", "label=" + LABEL).trim();
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
    if (status != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + status + ":\n" + text);
    }
    return text;
  }
}
