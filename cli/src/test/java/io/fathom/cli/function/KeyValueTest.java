package io.fathom.cli.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class KeyValueTest {

  @Test
  void parse_splitsAtTheFirstEquals() {
    assertThat(KeyValue.parse("URL=http://x?a=b")).isEqualTo(new KeyValue("URL", "http://x?a=b"));
  }

  @Test
  void parse_allowsAnEmptyValue() {
    assertThat(KeyValue.parse("EMPTY=")).isEqualTo(new KeyValue("EMPTY", ""));
  }

  @Test
  void parse_withoutEquals_isRejected() {
    assertThatThrownBy(() -> KeyValue.parse("LOG_LEVEL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'LOG_LEVEL' is not KEY=VALUE");
  }

  @Test
  void parse_withEmptyKey_isRejected() {
    assertThatThrownBy(() -> KeyValue.parse("=value"))
        .hasMessage("'=value' has no key before '=': use KEY=VALUE");
  }

  @Test
  void parse_withInvalidName_isRejected() {
    assertThatThrownBy(() -> KeyValue.parse("1ABC=x"))
        .hasMessageContaining("'1ABC' is not a variable name");
    assertThatThrownBy(() -> KeyValue.parse("A-B=x")).hasMessageContaining("'A-B'");
  }

  @Test
  void converter_reportsErrorsAsTypeConversion() {
    assertThatThrownBy(() -> new KeyValue.Converter().convert("nope"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'nope' is not KEY=VALUE");
  }

  @Test
  void toMap_keepsOrder_andTheLastValueWins() {
    assertThat(
            KeyValue.toMap(
                List.of(KeyValue.parse("B=1"), KeyValue.parse("A=2"), KeyValue.parse("B=3"))))
        .containsExactly(Map.entry("B", "3"), Map.entry("A", "2"));
  }
}
