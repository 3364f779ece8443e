package io.fathom.cli.platform;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom project create|list}. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = "Create and list the organization's projects.",
    subcommands = {ProjectCommand.CreateProject.class, ProjectCommand.ListProjects.class})
public final class ProjectCommand {

  static Table table(List<Project> projects) {
    Table table = Table.withColumns("ID", "NAME", "DESCRIPTION", "CREATED");
    projects.forEach(
        p -> table.row(p.id(), p.name(), p.description(), Formats.time(p.createdAt())));
    return table;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project.")
  static final class CreateProject extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Project name.")
    String name;

    @Option(
        names = {"-d", "--description"},
        paramLabel = "DESC",
        description = "What the project is for.")
    String description;

    @Override
    protected void execute() {
      ApiResponse created = new PlatformApi(session().api()).createProject(name, description);
      printer()
          .print(
              created.data(),
              () -> table(List.of(created.data(Project.class))).print(printer().out()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List projects.")
  static final class ListProjects extends BaseCommand {
    @Mixin PageOptions page;

    @Override
    protected void execute() {
      ApiResponse response = new PlatformApi(session().api()).projects(page.query());
      printer()
          .print(
              response.data(),
              () ->
                  printer()
                      .list(
                          table(response.items(Project.class)), response.pagination(), "projects"));
    }
  }
}
