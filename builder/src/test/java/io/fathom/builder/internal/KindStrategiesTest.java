package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.UnsupportedKindException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindStrategiesTest {
  @Test
  void kindWithoutAStrategy_failsListingTheImplementedOnes() throws Exception {
    KindStrategies some =
        new KindStrategies(
            Map.of(
                FunctionKind.PYTHON310, KindStrategies.standard().forKind(FunctionKind.PYTHON310)));
    assertThatThrownBy(() -> some.forKind(FunctionKind.JVM21))
        .isInstanceOfSatisfying(
            UnsupportedKindException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unsupported-kind");
              assertThat(e.kind()).isEqualTo(FunctionKind.JVM21);
            })
        .hasMessage(
            "The builder cannot build \"jvm21\" functions yet. Implemented kinds are"
                + " \"python310\".");
  }

  @Test
  void standard_hasAStrategyForEveryKind() throws Exception {
    KindStrategies all = KindStrategies.standard();
    assertThat(all.implemented()).containsExactlyInAnyOrder(FunctionKind.values());
    assertThat(all.forKind(FunctionKind.JVM21)).isInstanceOf(Jvm21Strategy.class);
  }
}
