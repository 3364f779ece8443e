package io.fathom.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.config.Context;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiException;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The build endpoints ({@code /api/intelligence/functions/v1/…/builds}). */
final class BuildsApi {
  static final String BASE = "/api/intelligence/functions/v1";
  private final ApiClient api;
  private final HttpClient http;
  private final Context context;

  BuildsApi(Session session) {
    this.context = session.context().context();
    this.api = session.api(context);
    this.http = session.http();
  }

  ApiResponse create(String functionId, String revision, boolean autoDeploy) {
    ObjectNode body = Json.object();
    if (revision != null) {
      body.put("revision", revision);
    }
    if (autoDeploy) {
      body.put("autoDeploy", true);
    }
    return api.post(builds(functionId), Map.of(), body);
  }

  ApiResponse get(String functionId, String buildId) {
    return api.get(build(functionId, buildId), Map.of());
  }

  ApiResponse list(String functionId, Map<String, String> page) {
    return functionId == null ? api.get(BASE + "/builds", page) : api.get(builds(functionId), page);
  }

  ApiResponse cancel(String functionId, String buildId) {
    return api.post(build(functionId, buildId) + "/cancel", Map.of(), Json.object());
  }

  /**
   * Reads the build's NDJSON log, handing each line to {@code line}; with {@code follow}, until the
   * build ends.
   */
  void logs(String functionId, String buildId, boolean follow, Consumer<JsonNode> line) {
    String base = context.url().replaceAll("/+$", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    base + build(functionId, buildId) + "/logs" + (follow ? "?follow=true" : "")))
            .header("Authorization", "Bearer " + context.token())
            .header("Accept", "application/x-ndjson, application/json")
            .GET();
    if (context.organizationId() != null) {
      request.header("x-organizationid", context.organizationId());
    }
    if (context.intelligenceProjectId() != null) {
      request.header("x-projectid", context.intelligenceProjectId());
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new CliException(
          "unreachable",
          "cannot reach " + base + ": " + e.getMessage(),
          "Is the control plane running? Start a local one with 'bin/fathom server'.",
          e);
    } catch (IOException e) {
      throw new CliException("io-error", "reading the build log failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", "interrupted while reading the build log");
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() >= 400) {
        throw error(response.statusCode(), body.readAllBytes());
      }
      try (Stream<String> lines =
          new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))
              .lines()) {
        lines.filter(l -> !l.isBlank()).map(BuildsApi::parse).forEach(line);
      }
    } catch (IOException e) {
      throw new CliException("io-error", "reading the build log failed: " + e.getMessage());
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new CliException("invalid-response", "the build log has a line that is not JSON");
    }
  }

  private static ApiException error(int status, byte[] body) {
    JsonNode error;
    try {
      error = Json.MAPPER.readTree(body).path("error");
    } catch (IOException e) {
      error = Json.object();
    }
    return new ApiException(
        status,
        error.path("code").asText(status == 404 ? "not-found" : "http-" + status),
        error.path("message").asText("HTTP " + status + " reading the build log"));
  }

  private static String builds(String functionId) {
    return BASE + "/functions/" + ApiClient.segment(functionId) + "/builds";
  }

  private static String build(String functionId, String buildId) {
    return builds(functionId) + "/" + ApiClient.segment(buildId);
  }
}
