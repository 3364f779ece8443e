package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real builds through the API into the local Docker daemon: the template stored by {@code
 * autoCreate}, built, found by {@code docker image inspect}; the same revision again is a cache hit
 * with the same digest; a go124 template compiled in its builder container. Needs the Docker engine
 * and the offline images: runs {@code scripts/docker.sh} and {@code scripts/images.sh} itself and
 * fails loudly without them.
 */
@MicronautTest(transactional = false)
class BuildThroughApiIT extends BuildTestSupport {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private final List<String> images = new ArrayList<>();

  @BeforeAll
  void engineAndBaseImage() throws Exception {
    run("scripts/docker.sh");
    assertThat(run("scripts/images.sh", "python310")).contains("fathom/base-python310:");
    assertThat(run("scripts/images.sh", "go124-builder")).contains("fathom/builder-go124:");
  }

  @AfterAll
  void removeImages() throws Exception {
    for (String image : images) {
      new ProcessBuilder("docker", "image", "rm", image)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void python310Template_buildsIntoTheDaemon_andTheSameRevisionAgainIsACacheHit() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of());

    Reply created = createBuild(t, fn, Map.of());
    assertThat(created.status()).as("%s", created).isEqualTo(202);
    String id = created.data().get("id").asText();
    JsonNode build = await(t, fn, id, null, Duration.ofMinutes(3));

    assertThat(build.get("status").asText()).as("%s", build).isEqualTo("succeeded");
    String digest = build.get("image").get("digest").asText();
    String reference = build.get("image").get("reference").asText();
    images.add(reference);
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(reference).isEqualTo("fathom/fn-" + fn + ":v1");
    assertThat(run("docker", "image", "inspect", "--format", "{{.Id}}", reference))
        .startsWith("sha256:");
    assertThat(build.get("layers")).isNotEmpty();
    List<String> lines = text(logs(t, fn, id, false));
    assertThat(lines).contains("build succeeded").anyMatch(l -> l.startsWith("image " + reference));

    String second = createBuild(t, fn, Map.of("revision", "v1")).data().get("id").asText();
    JsonNode hit = await(t, fn, second, null, Duration.ofSeconds(30));

    assertThat(hit.get("status").asText()).isEqualTo("succeeded");
    assertThat(hit.get("image").get("digest").asText()).isEqualTo(digest);
    assertThat(text(logs(t, fn, second, false)))
        .anyMatch(l -> l.startsWith("cache hit: build " + id));
  }

  @Test
  void go124Template_compilesInItsBuilderContainer_andRunsFromScratch() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "go124", Map.of());

    String id = createBuild(t, fn, Map.of()).data().get("id").asText();
    JsonNode build = await(t, fn, id, null, Duration.ofMinutes(5));

    assertThat(build.get("status").asText())
        .as("%s%n%s", build, text(logs(t, fn, id, false)))
        .isEqualTo("succeeded");
    String reference = build.get("image").get("reference").asText();
    images.add(reference);
    assertThat(run("docker", "image", "inspect", "--format", "{{.Config.User}}", reference).trim())
        .isNotEmpty();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " failed (this test needs the Docker engine):\n" + output);
    }
    return output;
  }
}
