package io.fathom.runtime.model.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shape helpers: element counts and the {@code [2,4]} text that error messages use. */
public final class Shapes {
  private Shapes() {}

  /** Elements in a tensor of {@code shape}; throws on negative dims or overflow. */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("shape " + text(shape) + " has a negative dimension");
      }
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  public static String text(long[] shape) {
    return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
  }

  /** Whether {@code actual} fits {@code declared}, where a declared -1 takes any size. */
  public static boolean fits(long[] actual, long[] declared) {
    if (actual.length != declared.length) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (declared[i] >= 0 && declared[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }
}
