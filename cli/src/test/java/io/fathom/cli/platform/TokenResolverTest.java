package io.fathom.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.cli.error.CliException;
import io.fathom.cli.runtime.SecretPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenResolverTest {
  private static final PlatformUrl LOCAL = PlatformUrl.parse("http://127.0.0.1:8080");
  private static final PlatformUrl REMOTE = PlatformUrl.parse("https://platform.example.com");
  private static final SecretPrompt PROMPT = prompt -> Optional.of(" prompted \n");

  @TempDir Path tmp;
  private Path bootstrap;

  @BeforeEach
  void bootstrapFile() throws Exception {
    bootstrap = tmp.resolve("bootstrap-token");
    Files.writeString(bootstrap, "from-file\n");
  }

  @Test
  void tokenOption_winsOverEverything() {
    TokenResolver resolver = new TokenResolver(Optional.of("from-env"), bootstrap, PROMPT);

    assertThat(resolver.resolve("from-option", LOCAL)).isEqualTo("from-option");
  }

  @Test
  void environment_comesNext() {
    TokenResolver resolver = new TokenResolver(Optional.of("from-env"), bootstrap, PROMPT);

    assertThat(resolver.resolve(null, LOCAL)).isEqualTo("from-env");
  }

  @Test
  void bootstrapFile_isReadAndTrimmed_forLoopbackUrls() {
    TokenResolver resolver = new TokenResolver(Optional.empty(), bootstrap, PROMPT);

    assertThat(resolver.resolve(null, LOCAL)).isEqualTo("from-file");
  }

  @Test
  void bootstrapFile_isIgnored_forRemoteUrls() {
    TokenResolver resolver = new TokenResolver(Optional.empty(), bootstrap, PROMPT);

    assertThat(resolver.resolve(null, REMOTE)).isEqualTo("prompted");
  }

  @Test
  void withNothingToAsk_failsWithWhatToDo() {
    TokenResolver resolver =
        new TokenResolver(Optional.empty(), tmp.resolve("none"), SecretPrompt.none());

    assertThatThrownBy(() -> resolver.resolve(null, REMOTE))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("pass --token, set FATHOM_TOKEN or run interactively");
  }
}
