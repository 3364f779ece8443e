package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jvm21's two ways to run Maven agree: the same arguments, and a warm container per key. */
class MavenCompileTest {
  @TempDir Path dir;

  @Test
  void warmArguments_areTheOnesCompileShPassesToMvn() throws Exception {
    String script;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("io/fathom/builder/runtime/jvm21/script/compile.sh")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String mvn = script.substring(script.indexOf("\nmvn "), script.indexOf("2>&1 | awk"));
    String expanded =
        mvn.replace("\\\n", " ")
            .replace("\"$work/", MavenCompile.WORK + "/")
            .replace("\"${FATHOM_RUNTIME_VERSION:?}\"", "1.2.3")
            .replace("\"", "");
    List<String> words = List.of(expanded.trim().split("\\s+"));
    assertThat(words.getFirst()).isEqualTo("mvn");
    assertThat(words.subList(1, words.size()))
        .containsExactlyElementsOf(MavenCompile.arguments("1.2.3"));
  }

  @Test
  void warmKey_separatesScopesEnvsImagesScriptsAndMirrors() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("pom.xml"), "<project/>");
    TreeStager stager = new TreeStager(dir.resolve("staged"));
    StagedTree source = stager.stage(src);
    StagedTree script = stager.stageResource(Jvm21Strategy.SCRIPT_RESOURCE);
    Path mirror = dir.resolve("mirror");

    String base =
        MavenCompile.warmKey(
            inputs(src, source, script, "a", Map.of(), "img"), mirror, CompileLimits.DEFAULT);
    assertThat(
            MavenCompile.warmKey(
                inputs(src, source, script, "a", Map.of(), "img"), mirror, CompileLimits.DEFAULT))
        .as("the same build, the same warm container")
        .isEqualTo(base);
    Files.writeString(src.resolve("Other.java"), "class Other {}");
    assertThat(
            MavenCompile.warmKey(
                inputs(src, stager.stage(src), script, "a", Map.of(), "img"),
                mirror,
                CompileLimits.DEFAULT))
        .as("a source change keeps the container")
        .isEqualTo(base);
    assertThat(
            List.of(
                MavenCompile.warmKey(
                    inputs(src, source, script, "b", Map.of(), "img"),
                    mirror,
                    CompileLimits.DEFAULT),
                MavenCompile.warmKey(
                    inputs(src, source, script, "a", Map.of("TOKEN", "x"), "img"),
                    mirror,
                    CompileLimits.DEFAULT),
                MavenCompile.warmKey(
                    inputs(src, source, script, "a", Map.of(), "img2"),
                    mirror,
                    CompileLimits.DEFAULT),
                MavenCompile.warmKey(
                    inputs(src, source, source, "a", Map.of(), "img"),
                    mirror,
                    CompileLimits.DEFAULT),
                MavenCompile.warmKey(
                    inputs(src, source, script, "a", Map.of(), "img"),
                    dir.resolve("m2"),
                    CompileLimits.DEFAULT),
                MavenCompile.warmKey(
                    inputs(src, source, script, "a", Map.of(), "img"),
                    mirror,
                    new CompileLimits(1, 1L << 30, Duration.ofMinutes(1)))))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  private MavenCompile.Inputs inputs(
      Path src,
      StagedTree source,
      StagedTree script,
      String scope,
      Map<String, String> env,
      String image)
      throws Exception {
    BuildRequest request =
        BuildRequest.builder(FunctionKind.JVM21, src)
            .target(BuildTarget.daemon("fathom/fn:test"))
            .baseImage("docker://fathom/base-jvm21:latest")
            .cacheDir(dir.resolve("cache"))
            .cacheScope(scope)
            .buildEnv(env)
            .build();
    return new MavenCompile.Inputs(
        request,
        source,
        script,
        "0.1.0",
        Jvm21Strategy.repositoryVolume(scope, src, "mirrorkey"),
        Optional.empty(),
        "sha256:" + image);
  }
}
