package io.fathom.controlplane.mlflow.models;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an MLmodel file says that the platform uses: flavors (each flavor's settings as parsed), the
 * kind they imply, the signature, where the input example is, and the ids MLflow wrote.
 */
public record MlModel(
    Map<String, Map<String, Object>> flavors,
    ModelKind kind,
    List<SchemaField> inputs,
    List<SchemaField> outputs,
    @Nullable ExampleInfo inputExample,
    @Nullable String modelUuid,
    @Nullable String modelId,
    @Nullable String runId) {

  /**
   * {@code saved_input_example_info}: the example file ({@code artifact_path}), the serving form
   * MLflow 3 writes next to it ({@code serving_input_path}), its {@code type} (ndarray, dataframe,
   * json_object, …) and, in older files, its {@code format} ({@code tf-serving}: wrapped as {@code
   * {"inputs": …}}).
   */
  public record ExampleInfo(
      String artifactPath,
      @Nullable String servingInputPath,
      @Nullable String type,
      @Nullable String format) {}

  /** The ONNX flavor's settings (data, onnx_version, providers, onnx_session_options). */
  public Optional<Map<String, Object>> onnx() {
    return Optional.ofNullable(flavors.get("onnx"));
  }

  public boolean hasSignature() {
    return !inputs.isEmpty() || !outputs.isEmpty();
  }
}
