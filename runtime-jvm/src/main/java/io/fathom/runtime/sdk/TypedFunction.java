package io.fathom.runtime.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * A {@link Function} that receives its input as an {@code I} (converted with Jackson; unknown
 * properties are ignored) and returns an {@code O}.
 *
 * <pre>{@code
 * public class Greeter extends TypedFunction<Greeter.In, Greeter.Out> {
 *   public record In(String name) {}
 *   public record Out(String greeting) {}
 *
 *   public Out apply(In in, Context context) {
 *     return new Out("Hello, " + in.name() + "!");
 *   }
 * }
 * }</pre>
 *
 * An input that cannot be converted fails the call with {@code function-error}; give the function
 * an input schema to refuse it with 422 before it gets here.
 */
public abstract class TypedFunction<I, O> implements Function {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final JavaType inputType;

  /** Reads {@code I} from the subclass's {@code extends TypedFunction<In, Out>} clause. */
  protected TypedFunction() {
    this.inputType = JSON.constructType(inputTypeOf(getClass()));
  }

  /** For subclasses that are themselves generic: names the input type explicitly. */
  protected TypedFunction(Class<I> inputType) {
    this.inputType = JSON.constructType(inputType);
  }

  /** Handles one call with its converted input. */
  public abstract O apply(I input, Context context) throws Exception;

  @Override
  public final Object handle(JsonNode input, Context context) throws Exception {
    I converted = JSON.treeToValue(input, inputType);
    return apply(converted, context);
  }

  private static Type inputTypeOf(Class<?> type) {
    Class<?> current = type;
    while (current.getSuperclass() != TypedFunction.class) {
      current = current.getSuperclass();
    }
    if (current.getGenericSuperclass() instanceof ParameterizedType parent
        && !(parent.getActualTypeArguments()[0] instanceof TypeVariable<?>)) {
      return parent.getActualTypeArguments()[0];
    }
    throw new IllegalStateException(
        type.getName()
            + " must extend TypedFunction<In, Out> with a concrete input type, or pass it to"
            + " TypedFunction(Class<I>)");
  }
}
