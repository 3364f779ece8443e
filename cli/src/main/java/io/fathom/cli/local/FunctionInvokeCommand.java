package io.fathom.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.error.CliException;
import io.fathom.cli.function.JsonArgument;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fathom i function invoke --local}: one call to a function served by {@code run}. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = "Call a function served locally by 'fathom i function run' and print its output.")
public final class FunctionInvokeCommand extends BaseCommand {
  @Option(names = "--local", required = true, description = "Call the local runner (required).")
  boolean local;

  @Option(names = "--port", defaultValue = "8080", description = "The local runner's port.")
  int port;

  @Option(
      names = "--data",
      defaultValue = "{}",
      description = "Input JSON: inline, @file, or - for standard input (default {}).")
  String data;

  @Option(
      names = "--timeout-seconds",
      description = "Deadline for the call (default: the function's).")
  Integer timeoutSeconds;

  @Override
  protected void execute() throws Exception {
    JsonNode input = input();
    String callId = UUID.randomUUID().toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invoke"))
            .header("Content-Type", "application/json")
            .header("X-Fathom-Call-Id", callId)
            .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(input)));
    if (timeoutSeconds != null) {
      request.header(
          "X-Fathom-Deadline-Ms",
          Long.toString(System.currentTimeMillis() + timeoutSeconds * 1000L));
      request.timeout(Duration.ofSeconds(timeoutSeconds + 5L));
    }
    HttpResponse<String> response;
    try {
      response = session().http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliException(
          "local-not-running",
          "nothing is listening on port " + port,
          "start it with: fathom i function run <DIR> --port " + port,
          e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      JsonNode error = body == null ? null : body.get("error");
      throw new CliException(
          error != null && error.hasNonNull("code")
              ? error.get("code").asText()
              : "http-" + response.statusCode(),
          error != null && error.hasNonNull("message")
              ? error.get("message").asText()
              : response.body());
    }
    printer().json(body);
  }

  private JsonNode input() throws IOException {
    if ("-".equals(data)) {
      String text = new String(session().in().readAllBytes(), StandardCharsets.UTF_8);
      return JsonArgument.parse(text.isBlank() ? "{}" : text, Path.of(""));
    }
    try {
      return JsonArgument.parse(data, Path.of(""));
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid-data", "--data: " + e.getMessage());
    }
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(text);
    }
  }
}
