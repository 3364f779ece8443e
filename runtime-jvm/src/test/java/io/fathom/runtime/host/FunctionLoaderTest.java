package io.fathom.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Function;
import org.junit.jupiter.api.Test;

class FunctionLoaderTest {
  private final FunctionLoader loader = new FunctionLoader(getClass().getClassLoader());

  /** Not a function. */
  public static class Plain {}

  /** A function without a constructor the host can call. */
  public static class NeedsArgument implements Function {
    public NeedsArgument(String unused) {}

    @Override
    public Object handle(JsonNode input, Context context) {
      return input;
    }
  }

  /** A function whose constructor fails. */
  public static class Exploding implements Function {
    public Exploding() {
      throw new IllegalStateException("no config");
    }

    @Override
    public Object handle(JsonNode input, Context context) {
      return input;
    }
  }

  @Test
  void load_createsTheNamedFunction() {
    assertThat(loader.load(ActionFunction.class.getName())).isInstanceOf(ActionFunction.class);
  }

  @Test
  void load_refusesAMissingClass() {
    assertThatThrownBy(() -> loader.load("com.example.Missing"))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "function class com.example.Missing (FATHOM_FUNCTION_CLASS, func.yaml's entryPoint)"
                + " is not on the classpath");
  }

  @Test
  void load_refusesAClassThatIsNotAFunction() {
    assertThatThrownBy(() -> loader.load(Plain.class.getName()))
        .isInstanceOf(StartupException.class)
        .hasMessageEndingWith("does not implement io.fathom.runtime.sdk.Function");
  }

  @Test
  void load_refusesAFunctionWithoutANoArgumentConstructor() {
    assertThatThrownBy(() -> loader.load(NeedsArgument.class.getName()))
        .isInstanceOf(StartupException.class)
        .hasMessageEndingWith("needs a public constructor without parameters");
  }

  @Test
  void load_reportsAFailingConstructor() {
    assertThatThrownBy(() -> loader.load(Exploding.class.getName()))
        .isInstanceOf(StartupException.class)
        .hasMessageEndingWith("failed: no config");
  }
}
