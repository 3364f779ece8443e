package io.fathom.cli.ml.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagTest {

  @Test
  void parse_splitsAtTheFirstEquals_andABareKeyHasAnEmptyValue() {
    assertThat(Tag.parse("team=core=ml")).isEqualTo(new Tag("team", "core=ml"));
    assertThat(Tag.parse("production")).isEqualTo(new Tag("production", ""));
    assertThat(Tag.parse("env=")).isEqualTo(new Tag("env", ""));
  }

  @Test
  void parse_refusesAMissingKey() {
    assertThatThrownBy(() -> Tag.parse("=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a tag needs a key");
  }
}
