package io.fathom.runtime.model.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server needs from an MLflow ONNX model directory.
 *
 * @param onnxFile the ONNX file, opened by path so that external data files beside it resolve
 * @param inputs the signature's tensor inputs; empty when the model has no (tensor) signature
 * @param outputs the signature's tensor outputs; empty likewise
 * @param sessionOptions the onnx flavor's {@code onnx_session_options}, as MLflow saved them
 * @param inputExample the saved input example ({@code input_example.json}), if any
 */
public record MlflowModel(
    Path onnxFile,
    Optional<List<TensorSpec>> inputs,
    Optional<List<TensorSpec>> outputs,
    Map<String, Object> sessionOptions,
    Optional<JsonNode> inputExample) {
  public MlflowModel {
    Objects.requireNonNull(onnxFile, "onnxFile");
    inputs = inputs.map(List::copyOf);
    outputs = outputs.map(List::copyOf);
    sessionOptions = Map.copyOf(sessionOptions);
  }
}
