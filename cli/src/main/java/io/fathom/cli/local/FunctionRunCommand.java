package io.fathom.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.config.NamedContext;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.scaffolds.Manifest;
import io.fathom.scaffolds.ManifestException;
import io.fathom.scaffolds.ManifestReader;
import io.fathom.scaffolds.SdkEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom i function run <DIR>}: serves a function from its source tree on this machine with
 * its kind's runtime (no image), with the environment a deployment gets, until interrupted.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a function locally from its source directory, with its kind's runtime and the",
      "environment a deployment gets. Stop it with Ctrl-C (it drains in-flight calls).",
      "Call it with 'fathom i function invoke --local' or curl -d '{}' localhost:PORT/invoke."
    })
public final class FunctionRunCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<DIR>", description = "The function's source directory.")
  Path dir;

  @Option(names = "--port", defaultValue = "8080", description = "Port to serve on (default 8080).")
  int port;

  @Option(
      names = "--offline",
      description =
          "Do not ask the platform for a project token; FATHOM_SDK_AUTHORIZATION stays unset.")
  boolean offline;

  @Override
  protected void execute() throws Exception {
    Manifest manifest = readManifest(dir);
    Path localSh =
        TemplatesDir.locate(session().environment())
            .resolve(manifest.kind())
            .resolve("scaffolding/local.sh");
    if (!Files.isRegularFile(localSh)) {
      throw new CliException(
          "kind-not-runnable", "no local runner for kind " + manifest.kind() + " at " + localSh);
    }
    Path workDir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "fathom-run",
            manifest.name() + "-" + manifest.kind());
    Files.createDirectories(workDir);
    Map<String, String> env =
        LocalEnvironment.build(manifest, dir, workDir, port, sdkEnvironment(manifest));
    session()
        .err()
        .println("Starting " + manifest.name() + " (" + manifest.kind() + ") from " + dir + " ...");
    try (LocalProcess process =
        LocalProcess.start(
            localSh, dir.toAbsolutePath(), workDir, env, session().out(), session().err())) {
      Thread stopper = new Thread(() -> closeQuietly(process));
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        if (process.awaitReady(port, Duration.ofMinutes(10))) {
          session()
              .err()
              .println(
                  "Function "
                      + manifest.name()
                      + " is ready at http://127.0.0.1:"
                      + port
                      + "/invoke - try: fathom i function invoke --local --port "
                      + port
                      + " --data '{}'");
        }
        int status = process.waitFor();
        if (status != 0) {
          throw new CliException(
              "local-run-failed",
              manifest.name() + " stopped with exit status " + status + " (see its output above)");
        }
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    }
  }

  static Manifest readManifest(Path dir) throws IOException {
    try {
      return ManifestReader.read(Files.readString(dir.resolve(Manifest.FILE_NAME)));
    } catch (NoSuchFileException e) {
      throw new CliException(
          "no-manifest",
          dir + " has no " + Manifest.FILE_NAME + "; is it a function's source directory?");
    } catch (ManifestException e) {
      throw new CliException("invalid-manifest", e.getMessage());
    }
  }

  /** The SDK variables, with a short-lived token for the context's project when logged in. */
  private Map<String, String> sdkEnvironment(Manifest manifest) {
    if (offline) {
      return SdkEnvironment.of("http://127.0.0.1:8080", null, null, null);
    }
    NamedContext context = session().context();
    var body = Json.MAPPER.createObjectNode();
    body.put("name", "local-run-" + manifest.name());
    body.put("expiresInSeconds", 3600);
    if (context.context().intelligenceProjectId() != null) {
      body.put("projectId", context.context().intelligenceProjectId());
    }
    JsonNode token = session().api().post("/api/platform/v1/tokens", Map.of(), body).data();
    return SdkEnvironment.of(
        context.context().url(),
        token.get("token").asText(),
        context.context().organizationId(),
        context.context().intelligenceProjectId());
  }

  private static void closeQuietly(LocalProcess process) {
    try {
      process.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
