package io.fathom.cli.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fathom.cli.config.CliConfig;
import io.fathom.cli.config.ConfigStore;
import io.fathom.cli.config.Context;
import io.fathom.cli.http.Json;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fathom context list|select}: the saved environments. */
@Command(
    name = "context",
    mixinStandardHelpOptions = true,
    description = "List and select saved contexts (one per platform environment).",
    subcommands = {ContextCommand.ListContexts.class, ContextCommand.SelectContext.class})
public final class ContextCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List saved contexts; * marks the current one.")
  static final class ListContexts extends BaseCommand {
    @Override
    protected void execute() {
      CliConfig config = session().configStore().load();
      if (printer().isJson()) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        config
            .contexts()
            .forEach(
                (name, c) ->
                    array
                        .addObject()
                        .put("name", name)
                        .put("current", name.equals(config.current()))
                        .put("url", c.url())
                        .put("organizationId", c.organizationId())
                        .put("dataProjectId", c.dataProjectId())
                        .put("applicationProjectId", c.applicationProjectId())
                        .put("intelligenceProjectId", c.intelligenceProjectId()));
        printer().json(array);
        return;
      }
      if (config.contexts().isEmpty()) {
        printer().line("No contexts saved yet: run 'fathom login <URL>'.");
        return;
      }
      Table table = Table.withColumns("CURRENT", "NAME", "URL", "ORGANIZATION", "PROJECT");
      for (Map.Entry<String, Context> e : config.contexts().entrySet()) {
        Context c = e.getValue();
        table.row(
            e.getKey().equals(config.current()) ? "*" : "",
            e.getKey(),
            c.url(),
            c.organizationId(),
            c.intelligenceProjectId());
      }
      table.print(printer().out());
    }
  }

  @Command(
      name = "select",
      mixinStandardHelpOptions = true,
      description = "Make a context the current one for all future commands.")
  static final class SelectContext extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Context name.")
    String name;

    @Override
    protected void execute() {
      ConfigStore store = session().configStore();
      CliConfig updated = store.load().select(name);
      store.save(updated);
      String url = updated.contexts().get(name).url();
      if (printer().isJson()) {
        printer().json(Json.object().put("current", name).put("url", url));
      } else {
        printer().line("Switched to context '" + name + "' (" + url + ")");
      }
    }
  }
}
