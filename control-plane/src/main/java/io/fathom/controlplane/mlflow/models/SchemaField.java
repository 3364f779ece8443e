package io.fathom.controlplane.mlflow.models;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input or output of a model signature: a tensor ({@code type} "tensor", numpy dtype, shape
 * with -1 for a free dimension) or a column ({@code type} the MLflow column type, shape [-1]).
 * {@link #datatype()} is the V2 inference protocol's name (FP32, INT64, BYTES, …).
 */
public record SchemaField(
    @Nullable String name, String type, String dtype, List<Long> shape, String datatype) {

  /** The platform's form: {@code {"name","type","datatype","shape"}}. */
  public Map<String, Object> view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("type", type);
    view.put("datatype", datatype);
    view.put("shape", shape);
    return view;
  }

  private static final Map<String, String> TENSOR =
      Map.ofEntries(
          Map.entry("bool", "BOOL"),
          Map.entry("int8", "INT8"),
          Map.entry("int16", "INT16"),
          Map.entry("int32", "INT32"),
          Map.entry("int64", "INT64"),
          Map.entry("uint8", "UINT8"),
          Map.entry("uint16", "UINT16"),
          Map.entry("uint32", "UINT32"),
          Map.entry("uint64", "UINT64"),
          Map.entry("float16", "FP16"),
          Map.entry("float32", "FP32"),
          Map.entry("float64", "FP64"),
          Map.entry("str", "BYTES"),
          Map.entry("object", "BYTES"),
          Map.entry("bytes", "BYTES"));

  private static final Map<String, String> COLUMN =
      Map.of(
          "boolean", "BOOL",
          "integer", "INT32",
          "long", "INT64",
          "float", "FP32",
          "double", "FP64",
          "string", "BYTES",
          "binary", "BYTES",
          "datetime", "BYTES");

  /** The V2 datatype of a numpy dtype; null when unknown. */
  static String tensorDatatype(String dtype) {
    return TENSOR.get(dtype);
  }

  /** The V2 datatype of an MLflow column type; null when unknown. */
  static String columnDatatype(String type) {
    return COLUMN.get(type);
  }
}
