package io.fathom.cli.platform;

import io.fathom.cli.error.CliException;
import io.fathom.cli.runtime.SecretPrompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the token for {@code fathom login}, first match wins: {@code --token}; {@code
 * FATHOM_TOKEN}; for a loopback URL, the local control plane's {@code bootstrap-token} file; a
 * prompt on the terminal.
 */
final class TokenResolver {
  static final String TOKEN_VARIABLE = "FATHOM_TOKEN";

  private final Optional<String> environmentToken;
  private final Path bootstrapTokenFile;
  private final SecretPrompt prompt;

  TokenResolver(Optional<String> environmentToken, Path bootstrapTokenFile, SecretPrompt prompt) {
    this.environmentToken = environmentToken;
    this.bootstrapTokenFile = bootstrapTokenFile;
    this.prompt = prompt;
  }

  String resolve(String tokenOption, PlatformUrl url) {
    if (tokenOption != null && !tokenOption.isBlank()) {
      return tokenOption.strip();
    }
    if (environmentToken.isPresent()) {
      return environmentToken.get().strip();
    }
    if (url.isLoopback() && Files.isRegularFile(bootstrapTokenFile)) {
      return readBootstrapToken();
    }
    return prompt
        .read("Token for " + url + ": ")
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .orElseThrow(() -> missingToken(url));
  }

  private String readBootstrapToken() {
    try {
      String token = Files.readString(bootstrapTokenFile).strip();
      if (token.isEmpty()) {
        throw new CliException("missing-token", bootstrapTokenFile + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new CliException(
          "missing-token", "cannot read " + bootstrapTokenFile + ": " + e.getMessage());
    }
  }

  private CliException missingToken(PlatformUrl url) {
    String local =
        url.isLoopback() ? ", or start 'bin/fathom server' to create " + bootstrapTokenFile : "";
    return new CliException(
        "missing-token",
        "no token for "
            + url
            + ": pass --token, set "
            + TOKEN_VARIABLE
            + " or run interactively"
            + local);
  }
}
