package io.fathom.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.TypedFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedFunctionTest {

  /** Greets by name. */
  public static class Greeter extends TypedFunction<Greeter.In, Greeter.Out> {
    public record In(String name) {}

    public record Out(String greeting) {}

    @Override
    public Out apply(In input, Context context) {
      return new Out("Hello, " + input.name() + "!");
    }
  }

  /** Takes a generic input type. */
  public static class Summer extends TypedFunction<java.util.List<Integer>, Integer> {
    @Override
    public Integer apply(java.util.List<Integer> input, Context context) {
      return input.stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Not typed concretely. */
  public static class Raw<T> extends TypedFunction<T, T> {
    @Override
    public T apply(T input, Context context) {
      return input;
    }
  }

  @Test
  void handle_convertsTheInputAndIgnoresUnknownProperties() throws Exception {
    Object out =
        new Greeter().handle(new ObjectMapper().readTree("{\"name\":\"Ada\",\"extra\":1}"), null);

    assertThat(out).isEqualTo(new Greeter.Out("Hello, Ada!"));
  }

  @Test
  void handle_convertsToAGenericInputType() throws Exception {
    assertThat(new Summer().handle(new ObjectMapper().readTree("[1,2,3]"), null)).isEqualTo(6);
  }

  @Test
  void constructor_refusesATypeVariableAsInput() {
    assertThatThrownBy(Raw::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("concrete input type");
  }

  @Test
  void typedFunction_isServedByTheHost() {
    try (TestHost host = TestHost.start(new Greeter(), Map.of())) {
      assertThat(host.invoke("{\"name\":\"Ada\"}").body())
          .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
      assertThat(host.invoke("{\"name\":[1]}").statusCode()).isEqualTo(500);
    }
  }
}
