package io.fathom.cli.function;

import io.fathom.cli.error.CliException;
import io.fathom.cli.http.Download;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.source.ExtractedSource;
import io.fathom.cli.source.SourceExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function download <ID> <DIR> [--revision vN]}. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = "Download a function's source (the latest revision by default) into a directory.")
final class FunctionDownloadCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;

  @Parameters(
      arity = "1..2",
      paramLabel = "[<ID>] <DIR>",
      hideParamSyntax = true,
      description = "Function id (unless --id is given) and the directory to create.")
  List<String> arguments;

  @Option(
      names = {"-r", "--revision"},
      paramLabel = "vN",
      description = "Revision to download.")
  String revision;

  @Option(names = "--force", description = "Write into a directory that is not empty.")
  boolean force;

  @Override
  protected void execute() throws IOException {
    FunctionIdOption.IdAndDirectory target = idOption.resolveWithDirectory(arguments);
    Path dir = Path.of(target.directory());
    checkTarget(dir, target.directory());
    Download download = new FunctionsApi(session().api()).downloadSource(target.id(), revision);
    String downloaded = download.header(FunctionsApi.REVISION_HEADER);
    if (downloaded == null) {
      downloaded = revision != null ? revision : "latest";
    }
    ExtractedSource extracted = SourceExtractor.extract(download.body(), dir);
    if (printer().isJson()) {
      printer()
          .json(
              Json.object()
                  .put("revision", downloaded)
                  .put("directory", dir.toAbsolutePath().toString())
                  .put("fileCount", extracted.fileCount()));
    } else {
      printer()
          .line(
              "Function source code downloaded - revision: "
                  + downloaded
                  + " into "
                  + target.directory());
    }
  }

  private void checkTarget(Path dir, String shown) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException("not-a-directory", shown + " exists and is not a directory");
    }
    if (Files.isDirectory(dir) && !force) {
      try (Stream<Path> children = Files.list(dir)) {
        if (children.findAny().isPresent()) {
          throw new CliException(
              "directory-not-empty", shown + " is not empty: pass --force to write into it");
        }
      }
    }
  }
}
