package io.fathom.runtime.model.tensor;

import java.util.Objects;

/**
 * A model input or output as declared: name, datatype and shape, where -1 is a dimension of any
 * size.
 */
public record TensorSpec(String name, Datatype datatype, long[] shape) {
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    shape = shape.clone();
    for (long dim : shape) {
      if (dim < -1) {
        throw new IllegalArgumentException(name + ": dimension " + dim + " is below -1");
      }
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Whether the first dimension is -1: rows of several requests can be stacked. */
  public boolean batchable() {
    return shape.length >= 1 && shape[0] == -1;
  }

  /** {@code float_input FP32 [-1,4]}. */
  public String describe() {
    return name + " " + datatype + " " + Shapes.text(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && t.name.equals(name)
        && t.datatype == datatype
        && java.util.Arrays.equals(t.shape, shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, datatype, java.util.Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return describe();
  }
}
