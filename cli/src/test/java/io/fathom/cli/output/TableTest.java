package io.fathom.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void grid_separatesColumnsWithBars_andRulesTheHeader() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Table.withColumns("id", "state", "tags")
        .grid()
        .row("1", "N/A", "")
        .row("22", "hot", "a=b")
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            id | state | tags
            ---+-------+-----
            1  | N/A   |
            22 | hot   | a=b
            """);
  }

  @Test
  void print_alignsColumns_andShowsMissingValuesAsDash() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Table.withColumns("ID", "NAME", "GPU")
        .row("1", "hello", null)
        .row("22", "x", "nvidia-l4")
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            ID   NAME    GPU
            1    hello   -
            22   x       nvidia-l4
            """);
  }

  @Test
  void bytes_areHumanReadable() {
    assertThat(Formats.bytes(512)).isEqualTo("512 B");
    assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Formats.bytes(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
  }

  @Test
  void time_dropsFractionsOfSeconds() {
    assertThat(Formats.time("2025-01-02T03:04:05.123456Z")).isEqualTo("2025-01-02T03:04:05Z");
  }
}
