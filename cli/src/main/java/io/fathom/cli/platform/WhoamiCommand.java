package io.fathom.cli.platform;

import io.fathom.cli.config.Context;
import io.fathom.cli.config.NamedContext;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Details;
import io.fathom.cli.runtime.BaseCommand;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code fathom whoami}: the user, organization, project and token of the current context. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show who you are logged in as, and where.")
public final class WhoamiCommand extends BaseCommand {

  @Override
  protected void execute() {
    NamedContext named = session().context();
    Context context = named.context();
    ApiClient api = session().api(context);
    ApiResponse response = api.get(PlatformApi.BASE + "/whoami", Map.of());
    WhoAmI me = response.data(WhoAmI.class);
    printer()
        .print(
            response.data(),
            () ->
                new Details()
                    .add("User", me.userName() + (me.admin() ? " (admin)" : ""))
                    .add("Organization", named(me.organizationName(), me.organizationId()))
                    .add("Project", project(context, me))
                    .add("Token", me.tokenName() + ", scope: " + me.tokenScope())
                    .add("Context", named.name() + " (" + context.url() + ")")
                    .print(printer().out()));
  }

  private static String project(Context context, WhoAmI me) {
    String id = context.intelligenceProjectId();
    if (id == null) {
      return "none: log in again with --intelligence-project-id ID";
    }
    return id.equals(me.projectId()) ? named(me.projectName(), id) : id;
  }

  private static String named(String name, String id) {
    return name == null || name.isEmpty() ? id : name + " (" + id + ")";
  }
}
