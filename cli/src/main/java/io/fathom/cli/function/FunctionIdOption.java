package io.fathom.cli.function;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --id ID}: the function id as an option, the alternative to the {@code <ID>} argument
 * ({@code download --id 44b1... testing} and {@code download 44b1... testing} are the same).
 */
final class FunctionIdOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--id", paramLabel = "ID", description = "Function id, instead of <ID>.")
  String id;

  /** The id from {@code --id} or {@code positional}: exactly one must be given. */
  String resolve(String positional) {
    if (id != null && positional != null && !id.equals(positional)) {
      throw new ParameterException(
          mixee.commandLine(),
          "the function id is given twice ('" + positional + "' and --id " + id + "): give one");
    }
    String resolved = id != null ? id : positional;
    if (resolved == null || resolved.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(), "missing function id: give it as <ID> or with --id ID");
    }
    return resolved;
  }

  /**
   * Splits {@code [<ID>] <DIR>}: with {@code --id}, the one argument is the directory; without it,
   * two arguments are needed.
   */
  IdAndDirectory resolveWithDirectory(List<String> arguments) {
    if (id != null) {
      if (arguments.size() != 1) {
        throw new ParameterException(
            mixee.commandLine(), "with --id, give only the directory: --id ID <DIR>");
      }
      return new IdAndDirectory(resolve(null), arguments.get(0));
    }
    if (arguments.size() != 2) {
      throw new ParameterException(
          mixee.commandLine(),
          "give the function id and the directory: <ID> <DIR>, or --id ID <DIR>");
    }
    return new IdAndDirectory(resolve(arguments.get(0)), arguments.get(1));
  }

  record IdAndDirectory(String id, String directory) {}
}
