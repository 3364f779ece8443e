package io.fathom.runtime.model.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * V2 JSON {@code data} to and from tensors. Requests may send {@code data} flat or nested
 * (row-major either way); responses are flat. Floats may be the strings {@code "NaN"}, {@code
 * "Infinity"} and {@code "-Infinity"}, as Jackson writes them.
 */
public final class JsonTensors {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTensors() {}

  /**
   * Decodes {@code data}; throws {@link IllegalArgumentException} with a message for the client.
   */
  public static Tensor decode(String name, Datatype datatype, long[] shape, JsonNode data) {
    if (data == null || data.isNull()) {
      throw new IllegalArgumentException(
          "input '" + name + "' has no 'data' (and no binary_data_size parameter)");
    }
    List<JsonNode> leaves = new ArrayList<>();
    flatten(data, leaves);
    long expected = Shapes.elementCount(shape);
    if (expected != leaves.size()) {
      throw new ElementCountException(name, shape, expected, leaves.size());
    }
    if (datatype == Datatype.BYTES) {
      List<String> strings = new ArrayList<>(leaves.size());
      for (JsonNode leaf : leaves) {
        if (!leaf.isTextual()) {
          throw notA(name, datatype, leaf, "a string");
        }
        strings.add(leaf.textValue());
      }
      return Tensor.ofStrings(name, shape, strings);
    }
    ByteBuffer out =
        ByteBuffer.allocate(leaves.size() * datatype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode leaf : leaves) {
      put(name, datatype, leaf, out);
    }
    return Tensor.ofBytes(name, datatype, shape, out.array());
  }

  private static void flatten(JsonNode node, List<JsonNode> leaves) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        flatten(item, leaves);
      }
    } else {
      leaves.add(node);
    }
  }

  private static void put(String name, Datatype type, JsonNode leaf, ByteBuffer out) {
    switch (type) {
      case BOOL -> {
        if (!leaf.isBoolean()) {
          throw notA(name, type, leaf, "true or false");
        }
        out.put((byte) (leaf.booleanValue() ? 1 : 0));
      }
      case UINT8 -> out.put((byte) integer(name, type, leaf, 0, 255));
      case INT8 -> out.put((byte) integer(name, type, leaf, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case INT16 ->
          out.putShort((short) integer(name, type, leaf, Short.MIN_VALUE, Short.MAX_VALUE));
      case INT32 ->
          out.putInt((int) integer(name, type, leaf, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case INT64 -> out.putLong(integer(name, type, leaf, Long.MIN_VALUE, Long.MAX_VALUE));
      case FP16 -> out.putShort(Float.floatToFloat16((float) real(name, type, leaf)));
      case FP32 -> out.putFloat((float) real(name, type, leaf));
      case FP64 -> out.putDouble(real(name, type, leaf));
      case BYTES -> throw new IllegalStateException("BYTES is not fixed-size");
    }
  }

  private static long integer(String name, Datatype type, JsonNode leaf, long min, long max) {
    if (!leaf.isIntegralNumber() || !leaf.canConvertToLong()) {
      throw notA(name, type, leaf, "an integer");
    }
    long value = leaf.longValue();
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "input '" + name + "': " + value + " is out of range for " + type);
    }
    return value;
  }

  private static double real(String name, Datatype type, JsonNode leaf) {
    if (leaf.isNumber()) {
      return leaf.doubleValue();
    }
    if (leaf.isTextual()) {
      switch (leaf.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity", "inf":
          return Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw notA(name, type, leaf, "a number");
  }

  private static IllegalArgumentException notA(
      String name, Datatype type, JsonNode leaf, String what) {
    String shown = leaf.toString();
    if (shown.length() > 40) {
      shown = shown.substring(0, 40) + "…";
    }
    return new IllegalArgumentException(
        "input '" + name + "' is " + type + " but holds " + shown + ", which is not " + what);
  }

  /** The tensor's values as a flat JSON array. */
  public static ArrayNode encode(Tensor tensor) {
    ArrayNode data = NODES.arrayNode();
    if (tensor.datatype() == Datatype.BYTES) {
      tensor.strings().forEach(data::add);
      return data;
    }
    ByteBuffer in = tensor.buffer();
    long n = tensor.elementCount();
    for (long i = 0; i < n; i++) {
      switch (tensor.datatype()) {
        case BOOL -> data.add(in.get() != 0);
        case UINT8 -> data.add(in.get() & 0xff);
        case INT8 -> data.add(in.get());
        case INT16 -> data.add(in.getShort());
        case INT32 -> data.add(in.getInt());
        case INT64 -> data.add(in.getLong());
        case FP16 -> data.add(Float.float16ToFloat(in.getShort()));
        case FP32 -> data.add(in.getFloat());
        case FP64 -> data.add(in.getDouble());
        case BYTES -> throw new IllegalStateException("unreachable");
      }
    }
    return data;
  }
}
