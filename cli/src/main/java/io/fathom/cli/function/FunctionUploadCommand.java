package io.fathom.cli.function;

import io.fathom.cli.error.CliException;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.source.IgnoreRules;
import io.fathom.cli.source.PackedSource;
import io.fathom.cli.source.SourcePacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function upload <ID> <DIR>}: a new source revision. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Upload a directory as the function's new source revision.",
      "Leaves out .git, __pycache__, target, .venv and node_modules directories and what "
          + IgnoreRules.IGNORE_FILE
          + " lists (one glob a line)."
    })
final class FunctionUploadCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;

  @Parameters(
      arity = "1..2",
      paramLabel = "[<ID>] <DIR>",
      hideParamSyntax = true,
      description = "Function id (unless --id is given) and the source directory.")
  List<String> arguments;

  @Override
  protected void execute() throws IOException {
    FunctionIdOption.IdAndDirectory target = idOption.resolveWithDirectory(arguments);
    Path dir = Path.of(target.directory());
    if (!Files.isDirectory(dir)) {
      throw new CliException("not-a-directory", target.directory() + " is not a directory");
    }
    PackedSource packed = SourcePacker.pack(dir);
    if (packed.fileCount() == 0) {
      throw new CliException(
          "empty-source", target.directory() + " has no files to upload (after ignores)");
    }
    ApiResponse response =
        new FunctionsApi(session().api()).uploadSource(target.id(), packed.archive());
    Revision revision = response.data(Revision.class);
    printer()
        .print(
            response.data(),
            () ->
                printer().line("Function source code updated - revision: " + revision.revision()));
  }
}
