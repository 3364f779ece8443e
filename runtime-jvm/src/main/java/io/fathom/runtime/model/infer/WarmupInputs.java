package io.fathom.runtime.model.infer;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.JsonTensors;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The warmup request: the MLflow input example when there is one (a list for a one-input model, or
 * an object of input name to list; {@code {"inputs": …}} wrappers unwrapped), else zeros (empty
 * strings) with every -1 dimension as 1.
 */
final class WarmupInputs {
  private WarmupInputs() {}

  /** Tensors from the input example; throws IllegalArgumentException when it does not fit. */
  static List<Tensor> fromExample(JsonNode example, List<TensorSpec> specs) {
    JsonNode root = example;
    if (root.isObject() && root.has("inputs") && root.size() == 1) {
      root = root.get("inputs");
    }
    List<Tensor> tensors = new ArrayList<>();
    if (root.isArray()) {
      if (specs.size() != 1) {
        throw new IllegalArgumentException(
            "the input example is a list but the model has " + specs.size() + " inputs");
      }
      tensors.add(tensor(specs.get(0), root));
      return tensors;
    }
    for (TensorSpec spec : specs) {
      JsonNode value =
          Optional.ofNullable(root.get(spec.name()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the input example has no value for input '" + spec.name() + "'"));
      tensors.add(tensor(spec, value));
    }
    return tensors;
  }

  private static Tensor tensor(TensorSpec spec, JsonNode value) {
    JsonNode data = value.isArray() ? value : value.isMissingNode() ? value : wrap(value);
    List<Long> dims = new ArrayList<>();
    for (JsonNode node = data; node.isArray(); node = node.size() > 0 ? node.get(0) : null) {
      dims.add((long) node.size());
      if (node.size() == 0) {
        break;
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    return JsonTensors.decode(spec.name(), spec.datatype(), shape, data);
  }

  private static JsonNode wrap(JsonNode scalar) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(scalar);
  }

  static List<Tensor> zeros(List<TensorSpec> specs) {
    List<Tensor> tensors = new ArrayList<>();
    for (TensorSpec spec : specs) {
      long[] shape = spec.shape();
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shape[i] < 0 ? 1 : shape[i];
      }
      long count = io.fathom.runtime.model.tensor.Shapes.elementCount(shape);
      if (spec.datatype() == Datatype.BYTES) {
        tensors.add(Tensor.ofStrings(spec.name(), shape, Collections.nCopies((int) count, "")));
      } else {
        tensors.add(
            Tensor.ofBytes(
                spec.name(),
                spec.datatype(),
                shape,
                new byte[Math.toIntExact(count * spec.datatype().byteSize())]));
      }
    }
    return tensors;
  }
}
