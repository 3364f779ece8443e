package io.fathom.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CliConfigTest {
  private static final Context DEV = new Context("http://dev", "t1", "o", null, null, "p");
  private static final Context QA = new Context("http://qa", "t2", "o", null, null, "p");

  @Test
  void withContext_makesTheFirstContextCurrent() {
    CliConfig config = CliConfig.empty().withContext("dev", DEV).withContext("qa", QA);

    assertThat(config.current()).isEqualTo("dev");
    assertThat(config.currentContext()).contains(new NamedContext("dev", DEV));
  }

  @Test
  void withContext_replacesAContextOfTheSameName() {
    CliConfig config = CliConfig.empty().withContext("dev", DEV).withContext("dev", QA);

    assertThat(config.contexts()).containsOnlyKeys("dev").containsEntry("dev", QA);
  }

  @Test
  void select_changesTheCurrentContext() {
    CliConfig config = CliConfig.empty().withContext("dev", DEV).withContext("qa", QA).select("qa");

    assertThat(config.current()).isEqualTo("qa");
  }

  @Test
  void select_unknownContext_listsTheKnownNames() {
    CliConfig config = CliConfig.empty().withContext("qa", QA).withContext("dev", DEV);

    assertThatThrownBy(() -> config.select("prod"))
        .isInstanceOf(UnknownContextException.class)
        .hasMessage("unknown context 'prod'; known contexts: dev, qa");
  }

  @Test
  void context_withNoContexts_saysToLogIn() {
    assertThatThrownBy(() -> CliConfig.empty().context("qa"))
        .hasMessageContaining("no contexts are configured, run 'fathom login <URL>'");
  }
}
