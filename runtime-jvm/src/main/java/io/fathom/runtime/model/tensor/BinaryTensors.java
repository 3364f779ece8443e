package io.fathom.runtime.model.tensor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The V2 binary tensor extension's encoding: fixed-size datatypes as raw little-endian bytes,
 * {@link Datatype#BYTES} as a 4-byte little-endian length before each element.
 */
public final class BinaryTensors {
  private BinaryTensors() {}

  public static Tensor decode(String name, Datatype datatype, long[] shape, byte[] bytes) {
    long count = Shapes.elementCount(shape);
    if (datatype.isFixedSize()) {
      if (bytes.length != count * datatype.byteSize()) {
        throw new IllegalArgumentException(
            "input '"
                + name
                + "' has shape "
                + Shapes.text(shape)
                + " of "
                + datatype
                + ", which is "
                + count * datatype.byteSize()
                + " bytes, but binary_data_size is "
                + bytes.length
                + ": the element count does not match the shape");
      }
      return Tensor.ofBytes(name, datatype, shape, bytes);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<String> strings = new ArrayList<>();
    while (in.remaining() > 0) {
      if (in.remaining() < 4) {
        throw new IllegalArgumentException(
            "input '" + name + "': BYTES element has a truncated 4-byte length");
      }
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalArgumentException(
            "input '" + name + "': BYTES element of " + length + " bytes runs past the data");
      }
      byte[] value = new byte[length];
      in.get(value);
      strings.add(new String(value, StandardCharsets.UTF_8));
    }
    if (strings.size() != count) {
      throw new ElementCountException(name, shape, count, strings.size());
    }
    return Tensor.ofStrings(name, shape, strings);
  }

  public static byte[] encode(Tensor tensor) {
    if (tensor.datatype().isFixedSize()) {
      return tensor.raw();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    for (String s : tensor.strings()) {
      byte[] value = s.getBytes(StandardCharsets.UTF_8);
      length.clear();
      length.putInt(value.length);
      out.write(length.array(), 0, 4);
      out.write(value, 0, value.length);
    }
    return out.toByteArray();
  }
}
