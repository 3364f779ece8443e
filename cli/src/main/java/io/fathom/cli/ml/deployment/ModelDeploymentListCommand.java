package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.function.JsonArgument;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import io.fathom.cli.runtime.Polling;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fathom i ml deployment list [--watch]}: the documentation's table; {@code --watch} prints
 * it again every two seconds until interrupted, to see a deployment go from pending to running.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List model deployments; with --watch, reprint every 2 s until interrupted.")
final class ModelDeploymentListCommand extends BaseCommand {
  static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

  @Mixin PageOptions page;

  @Option(
      names = "--filter",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = "Filter in the platform's filter language, inline JSON or @file.")
  JsonNode filter;

  @Option(names = "--watch", description = "Reprint the list every 2 s (Ctrl-C stops).")
  boolean watch;

  /** Stops {@code --watch} after this many prints, so that tests and scripts can bound it. */
  @Option(names = "--watch-iterations", hidden = true, paramLabel = "N")
  Integer iterations;

  @Override
  protected void execute() {
    ModelDeploymentsApi api = new ModelDeploymentsApi(session().api());
    Polling polling = Polling.every(WATCH_INTERVAL, session());
    for (int printed = 1; ; printed++) {
      ApiResponse response =
          filter == null ? api.list(page.query()) : api.filter(filter, page.query());
      printer()
          .print(
              response.data(),
              () ->
                  printer()
                      .list(
                          ModelDeploymentView.table(response.data()),
                          response.pagination(),
                          "deployments"));
      if (!watch || (iterations != null && printed >= iterations)) {
        return;
      }
      session().out().flush();
      polling.pause();
      printer().line("");
    }
  }
}
