package io.fathom.cli.platform;

import io.fathom.cli.config.CliConfig;
import io.fathom.cli.config.ConfigStore;
import io.fathom.cli.config.Context;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom login <URL>}: checks a token against the platform and saves it as a context. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in to a Fathom platform and save it as a context.",
      "The context is --context NAME, else the current one, else 'default'.",
      "The token comes from --token, else FATHOM_TOKEN, else the local control plane's"
          + " $FATHOM_HOME/bootstrap-token (loopback URLs only), else a prompt."
    })
public final class LoginCommand extends BaseCommand {
  @Parameters(
      index = "0",
      paramLabel = "URL",
      description = "Platform URL, e.g. http://127.0.0.1:8080")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token.")
  String token;

  @Option(names = "--organization-id", paramLabel = "ID", description = "Organization to use.")
  String organizationId;

  @Option(names = "--data-project-id", paramLabel = "ID", description = "Data project to use.")
  String dataProjectId;

  @Option(
      names = "--application-project-id",
      paramLabel = "ID",
      description = "Application project to use.")
  String applicationProjectId;

  @Option(
      names = "--intelligence-project-id",
      paramLabel = "ID",
      description =
          "Project for functions; default: the token's project, else the project named"
              + " 'default', else the first one.")
  String intelligenceProjectId;

  @Override
  protected void execute() {
    Session session = session();
    PlatformUrl platformUrl;
    try {
      platformUrl = PlatformUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    String secret =
        new TokenResolver(
                session.env(TokenResolver.TOKEN_VARIABLE),
                session.paths().bootstrapTokenFile(),
                session.prompt())
            .resolve(token, platformUrl);
    String base = platformUrl.toString();
    WhoAmI me = new PlatformApi(client(base, secret, organizationId)).whoami();
    String organization = organizationId != null ? organizationId : me.organizationId();
    ProjectChoice project = chooseProject(new PlatformApi(client(base, secret, organization)), me);

    ConfigStore store = session.configStore();
    CliConfig config = store.load();
    String name =
        session
            .contextOverride()
            .orElse(Optional.ofNullable(config.current()).orElse(CliConfig.DEFAULT_CONTEXT));
    Context context =
        new Context(base, secret, organization, dataProjectId, applicationProjectId, project.id());
    store.save(config.withContext(name, context));
    print(name, base, me, organization, project);
  }

  private ApiClient client(String base, String secret, String organization) {
    return new ApiClient(session().http(), base, secret, organization, null);
  }

  private ProjectChoice chooseProject(PlatformApi platform, WhoAmI me) {
    if (intelligenceProjectId != null) {
      if (intelligenceProjectId.equals(me.projectId())) {
        return new ProjectChoice(me.projectId(), me.projectName());
      }
      return projects(platform).stream()
          .filter(p -> intelligenceProjectId.equals(p.id()))
          .findFirst()
          .map(p -> new ProjectChoice(p.id(), p.name()))
          .orElse(new ProjectChoice(intelligenceProjectId, null));
    }
    if (me.projectScoped()) {
      return new ProjectChoice(me.projectId(), me.projectName());
    }
    List<Project> projects = projects(platform);
    return projects.stream()
        .filter(p -> CliConfig.DEFAULT_CONTEXT.equals(p.name()))
        .findFirst()
        .or(() -> projects.stream().findFirst())
        .map(p -> new ProjectChoice(p.id(), p.name()))
        .orElse(new ProjectChoice(null, null));
  }

  private static List<Project> projects(PlatformApi platform) {
    return platform.projects(Map.of("page_size", "100")).items(Project.class);
  }

  private void print(
      String contextName, String base, WhoAmI me, String organization, ProjectChoice project) {
    String organizationName =
        organization.equals(me.organizationId()) && me.organizationName() != null
            ? me.organizationName()
            : organization;
    if (printer().isJson()) {
      printer()
          .json(
              Json.object()
                  .put("context", contextName)
                  .put("url", base)
                  .put("userName", me.userName())
                  .put("organizationId", organization)
                  .put("organizationName", organizationName)
                  .put("intelligenceProjectId", project.id())
                  .put("intelligenceProjectName", project.name()));
    } else {
      String projectText =
          project.id() == null ? "no project" : "project '" + project.label() + "'";
      printer()
          .line(
              "Logged in to "
                  + base
                  + " as "
                  + me.userName()
                  + " (organization '"
                  + organizationName
                  + "', "
                  + projectText
                  + ") - context: "
                  + contextName);
    }
    if (project.id() == null) {
      session()
          .err()
          .println(
              "Warning: the organization has no project yet; create one with 'fathom project"
                  + " create NAME', then log in again to use it.");
    }
  }

  /** The intelligence project picked at login; the name is only for display. */
  private record ProjectChoice(String id, String name) {
    String label() {
      return name != null ? name : id;
    }
  }
}
