package io.fathom.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.source.Archives;
import io.fathom.controlplane.support.ApiTestBase.Reply;
import io.fathom.controlplane.support.ApiTestBase.Tenant;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Helpers of the deployment and call tests: the python310 fixture of {@code
 * src/test/resources/fixtures/deploy-python310} uploaded, built for real, deployed, called.
 */
public final class DeployFixture {
  public static final String URI = ApiTestBase.FUNCTIONS + "/functions";
  static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();

  private final Function<MutableHttpRequest<?>, Reply> call;

  public DeployFixture(Function<MutableHttpRequest<?>, Reply> call) {
    this.call = call;
  }

  /** Starts the Docker engine and makes the python310 base image (both idempotent). */
  public static void engineAndImages() {
    run("scripts/docker.sh");
    run("scripts/images.sh", "python310");
  }

  /** The fixture's files, with {@code VERSION} replaced when given. */
  public static Map<String, String> files(String version) {
    Path root = Path.of("src/test/resources/fixtures/deploy-python310");
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(p);
        if (version != null) {
          text = text.replace("VERSION = \"v1\"", "VERSION = \"" + version + "\"");
        }
        files.put(root.relativize(p).toString(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** A python310 function with the fixture uploaded as v1; {@code extra} adds to the body. */
  public String function(Tenant t, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "deploy-" + System.nanoTime());
    body.put("description", "deployment tests");
    body.put("kind", "python310");
    body.put("serving", Map.of("size", "small"));
    body.put(
        "schema",
        Map.of(
            "input", Map.of("type", "object", "required", java.util.List.of("action")),
            "output", Map.of("type", "object")));
    body.putAll(extra);
    Reply created = call.apply(t.auth(HttpRequest.POST(URI, body)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.data().get("id").asText();
    upload(t, id, "v1");
    return id;
  }

  public void upload(Tenant t, String fn, String version) {
    Reply uploaded =
        call.apply(
            t.auth(
                HttpRequest.PUT(URI + "/" + fn + "/source", Archives.tarGz(files(version)))
                    .contentType(MediaType.of("application/gzip"))));
    assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
  }

  /** Builds the latest revision and waits until the build succeeded; returns the build id. */
  public String build(Tenant t, String fn) throws InterruptedException {
    Reply created = call.apply(t.auth(HttpRequest.POST(URI + "/" + fn + "/builds", Map.of())));
    assertThat(created.status()).as("%s", created).isEqualTo(202);
    String id = created.data().get("id").asText();
    JsonNode build =
        await(
            t,
            URI + "/" + fn + "/builds/" + id,
            b -> !b.get("status").asText().matches("queued|running"),
            Duration.ofMinutes(3));
    assertThat(build.get("status").asText()).as("%s", build).isEqualTo("succeeded");
    return id;
  }

  public Reply deploy(Tenant t, String fn, String buildId) {
    return call.apply(
        t.auth(HttpRequest.POST(URI + "/" + fn + "/deployments", Map.of("buildId", buildId))));
  }

  /** Deploys and waits until the deployment is running; returns it. */
  public JsonNode deployRunning(Tenant t, String fn, String buildId) throws InterruptedException {
    Reply created = deploy(t, fn, buildId);
    assertThat(created.status()).as("%s", created).isEqualTo(202);
    return awaitDeployment(t, fn, created.data().get("id").asText(), "running|failed");
  }

  public JsonNode awaitDeployment(Tenant t, String fn, String deploymentId, String statuses)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      Reply list = call.apply(t.auth(HttpRequest.GET(URI + "/" + fn + "/deployments")));
      for (JsonNode d : list.json().get("data")) {
        if (d.get("id").asText().equals(deploymentId)
            && d.get("status").asText().matches(statuses)) {
          return d;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("deployment " + deploymentId + " never became " + statuses);
  }

  public Reply invoke(Tenant t, String fn, Map<String, Object> input, Map<String, String> headers) {
    return invoke(t, fn, input, headers, "sync");
  }

  public Reply invoke(Tenant t, String fn, Object input, Map<String, String> headers, String mode) {
    MutableHttpRequest<Object> request =
        HttpRequest.POST(URI + "/" + fn + "/calls?mode=" + mode, input)
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    headers.forEach(request::header);
    return call.apply(t.auth(request));
  }

  public JsonNode getCall(Tenant t, String fn, String callId) {
    Reply reply = call.apply(t.auth(HttpRequest.GET(URI + "/" + fn + "/calls/" + callId)));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.data();
  }

  /** Polls a GET until its {@code data} matches. */
  public JsonNode await(Tenant t, String uri, Predicate<JsonNode> done, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      Reply reply = call.apply(t.auth(HttpRequest.GET(uri)));
      last = reply.data();
      if (reply.status() == 200 && done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(uri + " never got there: " + last);
  }

  public static String run(String... command) {
    try {
      Process process =
          new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " failed (this test needs the Docker engine):\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
