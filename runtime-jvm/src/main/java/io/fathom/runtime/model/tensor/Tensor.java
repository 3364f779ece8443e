package io.fathom.runtime.model.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * One named tensor's values: fixed-size datatypes as little-endian bytes in row-major order (what
 * the V2 binary extension carries and ONNX Runtime reads), {@link Datatype#BYTES} as strings. The
 * element count always matches the shape.
 */
public final class Tensor {
  private final String name;
  private final Datatype datatype;
  private final long[] shape;
  private final byte[] raw;
  private final List<String> strings;

  private Tensor(String name, Datatype datatype, long[] shape, byte[] raw, List<String> strings) {
    this.name = Objects.requireNonNull(name, "name");
    this.datatype = Objects.requireNonNull(datatype, "datatype");
    this.shape = shape.clone();
    this.raw = raw;
    this.strings = strings;
    long count = Shapes.elementCount(shape);
    long given = datatype.isFixedSize() ? raw.length / datatype.byteSize() : strings.size();
    if (datatype.isFixedSize() && raw.length % datatype.byteSize() != 0) {
      throw new IllegalArgumentException(
          name + ": " + raw.length + " bytes is not a whole number of " + datatype + " values");
    }
    if (count != given) {
      throw new ElementCountException(name, shape, count, given);
    }
  }

  /** A fixed-size tensor from little-endian bytes (not copied: the caller hands them over). */
  public static Tensor ofBytes(String name, Datatype datatype, long[] shape, byte[] littleEndian) {
    if (!datatype.isFixedSize()) {
      throw new IllegalArgumentException(name + ": BYTES tensors hold strings, use ofStrings");
    }
    return new Tensor(name, datatype, shape, littleEndian, null);
  }

  public static Tensor ofStrings(String name, long[] shape, List<String> values) {
    return new Tensor(name, Datatype.BYTES, shape, null, List.copyOf(values));
  }

  public String name() {
    return name;
  }

  public Datatype datatype() {
    return datatype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    return Shapes.elementCount(shape);
  }

  /** The little-endian bytes (not a copy); fixed-size datatypes only. */
  public byte[] raw() {
    if (raw == null) {
      throw new IllegalStateException(name + " is a BYTES tensor");
    }
    return raw;
  }

  /** A little-endian view of {@link #raw()}. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(raw()).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The strings; {@link Datatype#BYTES} only. */
  public List<String> strings() {
    if (strings == null) {
      throw new IllegalStateException(name + " is a " + datatype + " tensor");
    }
    return strings;
  }

  /** The same values under another name. */
  public Tensor renamed(String newName) {
    return new Tensor(newName, datatype, shape, raw, strings);
  }

  /** FP64 values as FP32 (what MLflow's ONNX loader does for a float32 model input). */
  public Tensor fp64ToFp32() {
    if (datatype != Datatype.FP64) {
      throw new IllegalStateException(name + " is " + datatype + ", not FP64");
    }
    ByteBuffer in = buffer();
    int n = raw.length / 8;
    ByteBuffer out = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out.putFloat((float) in.getDouble());
    }
    return ofBytes(name, Datatype.FP32, shape, out.array());
  }
}
