package io.fathom.cli.platform;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom token create|list|revoke}: API tokens. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens.",
    subcommands = {
      TokenCommand.CreateToken.class,
      TokenCommand.ListTokens.class,
      TokenCommand.RevokeToken.class
    })
public final class TokenCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token; its secret is printed once.")
  static final class CreateToken extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Token name.")
    String name;

    @Option(
        names = "--project-id",
        paramLabel = "ID",
        description = "Limit the token to one project (default: the whole organization).")
    String projectId;

    @Option(
        names = "--expires-in-seconds",
        paramLabel = "N",
        description = "Lifetime in seconds (default: no expiry).")
    Long expiresInSeconds;

    @Override
    protected void execute() {
      if (expiresInSeconds != null && expiresInSeconds < 1) {
        throw usageError("--expires-in-seconds must be 1 or more, but was " + expiresInSeconds);
      }
      ApiResponse created =
          new PlatformApi(session().api()).createToken(name, projectId, expiresInSeconds);
      Token token = created.data(Token.class);
      printer()
          .print(
              created.data(),
              () -> {
                printer()
                    .line(
                        "Created token '"
                            + token.name()
                            + "' (id: "
                            + token.id()
                            + "; scope: "
                            + (token.projectId() == null
                                ? "organization"
                                : "project " + token.projectId())
                            + "; expires: "
                            + (token.expiresAt() == null
                                ? "never"
                                : Formats.time(token.expiresAt()))
                            + ")");
                printer().line("Token: " + token.token());
                printer().line("Store it now: it cannot be shown again.");
              });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens.")
  static final class ListTokens extends BaseCommand {
    @Mixin PageOptions page;

    @Override
    protected void execute() {
      ApiResponse response = new PlatformApi(session().api()).tokens(page.query());
      printer()
          .print(
              response.data(),
              () -> {
                Table table =
                    Table.withColumns(
                        "ID", "NAME", "PROJECT", "CREATED", "EXPIRES", "LAST USED", "REVOKED");
                for (Token t : response.items(Token.class)) {
                  table.row(
                      t.id(),
                      t.name(),
                      t.projectId() == null ? "(organization)" : t.projectId(),
                      Formats.time(t.createdAt()),
                      Formats.time(t.expiresAt()),
                      Formats.time(t.lastUsedAt()),
                      Formats.time(t.revokedAt()));
                }
                printer().list(table, response.pagination(), "tokens");
              });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token.")
  static final class RevokeToken extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Token id.")
    String id;

    @Override
    protected void execute() {
      new PlatformApi(session().api()).revokeToken(id);
      if (!printer().isJson()) {
        printer().line("Token " + id + " revoked.");
      }
    }
  }
}
