package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.runtime.model.infer.InferenceStats;
import io.fathom.runtime.model.infer.ServedModel;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import io.fathom.runtime.model.onnx.OnnxModel;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.util.List;

/** The V2 metadata bodies: server ({@code GET /v2}), model, and statistics. */
final class V2Metadata {
  static final String SERVER_NAME = "fathom-model-server";
  static final String VERSION = "0.1.0";
  static final List<String> EXTENSIONS = List.of("binary_tensor_data", "statistics");

  private V2Metadata() {}

  /**
   * Server metadata, with {@code fathom.provider} (the execution provider the session runs on, or
   * the one asked for while loading) and {@code fathom.fallback} (CUDA asked for, CPU used).
   */
  static ObjectNode server(ServedModel model, ExecutionDevice asked) {
    ObjectNode body = V2Replies.JSON.createObjectNode();
    body.put("name", SERVER_NAME).put("version", VERSION);
    ArrayNode extensions = body.putArray("extensions");
    EXTENSIONS.forEach(extensions::add);
    ObjectNode fathom = body.putObject("fathom");
    OnnxModel onnx = model.onnx().orElse(null);
    fathom.put("provider", (onnx == null ? asked : onnx.device()).provider());
    fathom.put("requested_device", asked.label());
    fathom.put("fallback", onnx != null && onnx.fallbackReason().isPresent());
    if (onnx != null) {
      onnx.fallbackReason().ifPresent(r -> fathom.put("fallback_reason", r));
    }
    fathom.put("model_state", model.state().label());
    model.failure().ifPresent(f -> fathom.put("failure", f));
    fathom.put("dynamic_batching", model.batching());
    return body;
  }

  static ObjectNode model(ServedModel model) {
    ObjectNode body = V2Replies.JSON.createObjectNode();
    body.put("name", model.name());
    body.putArray("versions").add("1");
    body.put("platform", "onnxruntime_onnx");
    model
        .signature()
        .ifPresent(
            s -> {
              specs(body.putArray("inputs"), s.inputs());
              specs(body.putArray("outputs"), s.outputs());
              body.putObject("parameters").put("metadata_source", s.source());
            });
    return body;
  }

  private static void specs(ArrayNode array, List<TensorSpec> specs) {
    for (TensorSpec spec : specs) {
      ObjectNode node = array.addObject();
      node.put("name", spec.name()).put("datatype", spec.datatype().name());
      ArrayNode shape = node.putArray("shape");
      for (long d : spec.shape()) {
        shape.add(d);
      }
    }
  }

  /** Triton's statistics extension, reduced to counts. */
  static ObjectNode stats(ServedModel model) {
    InferenceStats stats = model.stats();
    ObjectNode body = V2Replies.JSON.createObjectNode();
    ObjectNode entry = body.putArray("model_stats").addObject();
    entry.put("name", model.name()).put("version", "1");
    entry.put("inference_count", stats.inferenceCount());
    entry.put("execution_count", stats.executionCount());
    entry.put("failure_count", stats.failureCount());
    entry.put("largest_batch", stats.largestBatch());
    return body;
  }
}
