package io.fathom.runtime.model.tensor;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The V2 protocol's tensor datatypes that ONNX Runtime's Java API can feed and read. Fixed-size
 * types travel as little-endian bytes ({@link #byteSize()}); {@link #BYTES} are string tensors.
 */
public enum Datatype {
  BOOL(1, OnnxJavaType.BOOL, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, "bool"),
  UINT8(1, OnnxJavaType.UINT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, "uint8"),
  INT8(1, OnnxJavaType.INT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, "int8"),
  INT16(2, OnnxJavaType.INT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, "int16"),
  INT32(4, OnnxJavaType.INT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, "int32"),
  INT64(8, OnnxJavaType.INT64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, "int64"),
  FP16(2, OnnxJavaType.FLOAT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, "float16"),
  FP32(4, OnnxJavaType.FLOAT, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, "float32"),
  FP64(8, OnnxJavaType.DOUBLE, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, "float64"),
  BYTES(-1, OnnxJavaType.STRING, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, "str");

  private final int byteSize;
  private final OnnxJavaType javaType;
  private final OnnxTensorType onnxType;
  private final String numpy;

  Datatype(int byteSize, OnnxJavaType javaType, OnnxTensorType onnxType, String numpy) {
    this.byteSize = byteSize;
    this.javaType = javaType;
    this.onnxType = onnxType;
    this.numpy = numpy;
  }

  /** Bytes per element; -1 for {@link #BYTES}. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFixedSize() {
    return byteSize > 0;
  }

  public OnnxJavaType javaType() {
    return javaType;
  }

  /** The V2 name ({@code FP32}) in a request; throws naming the known ones. */
  public static Datatype parse(String name) {
    if (name != null) {
      for (Datatype d : values()) {
        if (d.name().equals(name.toUpperCase(Locale.ROOT))) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "'" + name + "' is not a datatype this server supports; use one of " + known());
  }

  /** The datatype of an ONNX tensor element type, or empty (UINT32, BFLOAT16, complex…). */
  public static Optional<Datatype> ofOnnx(OnnxTensorType type) {
    return Arrays.stream(values()).filter(d -> d.onnxType == type).findFirst();
  }

  /**
   * The datatype of an MLflow signature's numpy dtype ({@code float32}, {@code str}, {@code
   * object}, {@code bytes}), or empty.
   */
  public static Optional<Datatype> ofNumpy(String dtype) {
    if (dtype == null) {
      return Optional.empty();
    }
    String d = dtype.toLowerCase(Locale.ROOT);
    if (d.equals("object") || d.equals("bytes") || d.equals("string") || d.equals("str")) {
      return Optional.of(BYTES);
    }
    if (d.equals("float")) {
      return Optional.of(FP32);
    }
    if (d.equals("double")) {
      return Optional.of(FP64);
    }
    return Arrays.stream(values()).filter(t -> t.numpy.equals(d)).findFirst();
  }

  public static String known() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
