package io.fathom.cli;

import io.fathom.cli.runtime.BaseCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fathom completion bash|zsh}: prints a shell completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash or zsh.",
      "bash: source <(fathom completion bash)",
      "zsh:  source <(fathom completion zsh)"
    })
final class CompletionCommand extends BaseCommand {
  enum Shell {
    bash,
    zsh
  }

  @Parameters(index = "0", paramLabel = "SHELL", description = "Shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  protected void execute() {
    // picocli's script serves both: under zsh it loads bashcompinit itself.
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    session().out().print(script);
  }
}
