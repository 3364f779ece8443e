package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers of the build API tests: functions with a revision, builds, waiting for an end. */
abstract class BuildTestSupport extends ApiTestBase {
  static final String URI = FUNCTIONS + "/functions";
  static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

  /** A function of {@code kind} with its template stored as v1 ({@code autoCreate}). */
  String newFunction(Tenant t, String kind, Map<String, String> buildSecrets) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "fn-" + System.nanoTime());
    body.put("description", "build tests");
    body.put("kind", kind);
    body.put("serving", Map.of("size", "small"));
    body.put("buildEnv", Map.of("MODE", "release"));
    body.put("buildSecrets", buildSecrets);
    body.put("autoCreate", true);
    Reply reply = call(t.auth(HttpRequest.POST(URI, body)));
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return reply.data().get("id").asText();
  }

  Reply createBuild(Tenant t, String functionId, Map<String, Object> body) {
    return call(t.auth(HttpRequest.POST(URI + "/" + functionId + "/builds", body)));
  }

  JsonNode getBuild(Tenant t, String functionId, String buildId) {
    Reply reply = call(t.auth(HttpRequest.GET(URI + "/" + functionId + "/builds/" + buildId)));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.data();
  }

  /** Polls until the build has the status (or any finished one when {@code status} is null). */
  JsonNode await(Tenant t, String functionId, String buildId, String status, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode build = getBuild(t, functionId, buildId);
    while (Instant.now().isBefore(deadline)) {
      String current = build.get("status").asText();
      if (status == null ? FINISHED.contains(current) : status.equals(current)) {
        return build;
      }
      Thread.sleep(100);
      build = getBuild(t, functionId, buildId);
    }
    throw new AssertionError("build " + buildId + " did not become " + status + ": " + build);
  }

  /** The build's NDJSON log lines. */
  List<JsonNode> logs(Tenant t, String functionId, String buildId, boolean follow)
      throws Exception {
    var response =
        exchange(
            t.auth(
                HttpRequest.GET(
                        URI
                            + "/"
                            + functionId
                            + "/builds/"
                            + buildId
                            + "/logs"
                            + (follow ? "?follow=true" : ""))
                    .accept("application/x-ndjson")));
    assertThat(response.getStatus().getCode()).isEqualTo(200);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : response.getBody(String.class).orElse("").split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  static List<String> text(List<JsonNode> lines) {
    return lines.stream().map(l -> l.get("line").asText()).toList();
  }
}
