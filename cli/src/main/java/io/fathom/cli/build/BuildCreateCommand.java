package io.fathom.cli.build;

import io.fathom.cli.deployment.DeploymentWatcher;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.LogPrinter;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.Polling;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function build create <FUNCTION_ID>}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Build a source revision of a function (the latest when --revision is omitted).")
final class BuildCreateCommand extends BaseCommand {
  private static final Duration DEPLOYMENT_POLL = Duration.ofMillis(500);
  private static final int DEPLOYMENT_ATTEMPTS = 10;

  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Option(
      names = {"--revision", "-r"},
      paramLabel = "vN",
      description = "The source revision to build; the most recent when omitted.")
  String revision;

  @Option(
      names = {"--auto-deploy", "-a"},
      description = "Deploy the build when it succeeds.")
  boolean autoDeploy;

  @Option(
      names = "--watch",
      description = {
        "Follow the build's logs until it finishes;",
        "with --auto-deploy, then wait until its deployment runs."
      })
  boolean watch;

  @Option(names = "--time", description = "Prefix each log line with its timestamp.")
  boolean time;

  @Override
  protected void execute() {
    BuildsApi api = new BuildsApi(session());
    ApiResponse created = api.create(functionId, revision, autoDeploy);
    BuildInfo build = created.data(BuildInfo.class);
    if (!watch) {
      printer().print(created.data(), () -> printer().line("build created: " + build.id()));
      return;
    }
    printer().line("build created: " + build.id());
    api.logs(functionId, build.id(), true, new LogPrinter(session().out(), time));
    BuildInfo finished = api.get(functionId, build.id()).data(BuildInfo.class);
    printer().line("build finished: " + build.id());
    failIfNotSucceeded(finished);
    if (autoDeploy) {
      String deploymentId = awaitDeploymentId(api, finished);
      printer().line("deployment created: " + deploymentId);
      session().out().flush();
      DeploymentWatcher.of(session()).awaitRunning(functionId, deploymentId);
      printer().line("deployment running: " + deploymentId);
    }
  }

  /**
   * The deployment the succeeded build created. The control plane records it right after the build
   * ends, so the build is read again for a few seconds at most until it names one.
   */
  private String awaitDeploymentId(BuildsApi api, BuildInfo finished) {
    Polling polling = Polling.every(DEPLOYMENT_POLL, session());
    BuildInfo build = finished;
    for (int attempt = 1; build.deploymentId() == null; attempt++) {
      if (attempt > DEPLOYMENT_ATTEMPTS) {
        throw new CliException(
            "deployment-missing",
            "build "
                + build.id()
                + " succeeded but no deployment was created for it within "
                + DEPLOYMENT_POLL.multipliedBy(DEPLOYMENT_ATTEMPTS).toSeconds()
                + " s",
            "see 'fathom i function deployment list "
                + functionId
                + "', or deploy it with 'fathom i function deploy "
                + functionId
                + " "
                + build.id()
                + "'",
            null);
      }
      polling.pause();
      build = api.get(functionId, build.id()).data(BuildInfo.class);
    }
    return build.deploymentId();
  }

  /** Exit 1 with the build's own error when it did not succeed. */
  static void failIfNotSucceeded(BuildInfo build) {
    switch (build.status()) {
      case "succeeded" -> {}
      case "failed" ->
          throw new CliException(
              build.error() == null ? "build-failed" : build.error().code(),
              build.error() == null ? "build " + build.id() + " failed" : build.error().message());
      case "cancelled" ->
          throw new CliException("build-cancelled", "build " + build.id() + " was cancelled");
      default ->
          throw new CliException(
              "build-unfinished",
              "build " + build.id() + " is still " + build.status() + " after its log ended");
    }
  }
}
