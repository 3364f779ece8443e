package io.fathom.runtime.model.tensor;

/** The values given do not fill the stated shape: {@code [2,4]} needs 8, 4 were given. */
public final class ElementCountException extends IllegalArgumentException {
  public ElementCountException(String name, long[] shape, long expected, long given) {
    super(
        "input '"
            + name
            + "' has shape "
            + Shapes.text(shape)
            + ", which holds "
            + expected
            + " elements, but "
            + given
            + " values were given: the element count does not match the shape");
  }
}
