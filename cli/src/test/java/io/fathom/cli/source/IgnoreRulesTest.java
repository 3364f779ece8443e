package io.fathom.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  @Test
  void defaultDirectories_areIgnoredAtAnyDepth() {
    IgnoreRules rules = IgnoreRules.parse(List.of());

    assertThat(rules.ignores(".git", true)).isTrue();
    assertThat(rules.ignores("function/__pycache__", true)).isTrue();
    assertThat(rules.ignores("a/b/node_modules", true)).isTrue();
    assertThat(rules.ignores("target", true)).isTrue();
    assertThat(rules.ignores(".venv", true)).isTrue();
    assertThat(rules.ignores("target", false)).as("a file named target").isFalse();
    assertThat(rules.ignores("function/func.py", false)).isFalse();
  }

  @Test
  void nameGlob_matchesAtAnyDepth() {
    IgnoreRules rules = IgnoreRules.parse(List.of("*.log", "# a comment", "", "secret.txt"));

    assertThat(rules.ignores("debug.log", false)).isTrue();
    assertThat(rules.ignores("deep/er/debug.log", false)).isTrue();
    assertThat(rules.ignores("deep/secret.txt", false)).isTrue();
    assertThat(rules.ignores("debug.txt", false)).isFalse();
  }

  @Test
  void pathGlob_matchesFromTheRoot() {
    IgnoreRules rules = IgnoreRules.parse(List.of("/build", "docs/*.md", "data/**"));

    assertThat(rules.ignores("build", true)).isTrue();
    assertThat(rules.ignores("src/build", true)).isFalse();
    assertThat(rules.ignores("docs/a.md", false)).isTrue();
    assertThat(rules.ignores("docs/sub/a.md", false)).isFalse();
    assertThat(rules.ignores("data/x/y.csv", false)).isTrue();
  }

  @Test
  void trailingSlash_matchesDirectoriesOnly() {
    IgnoreRules rules = IgnoreRules.parse(List.of("cache/"));

    assertThat(rules.ignores("cache", true)).isTrue();
    assertThat(rules.ignores("cache", false)).isFalse();
  }
}
