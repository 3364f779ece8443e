package io.fathom.runtime.model.infer;

import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Shapes;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a request against the model's declared inputs and outputs, with messages that say what the
 * model expects. FP64 sent to an FP32 input is cast (MLflow's ONNX loader does the same); any other
 * datatype mismatch is an error.
 */
final class RequestValidator {
  private final ModelSignature signature;

  RequestValidator(ModelSignature signature) {
    this.signature = signature;
  }

  /** The inputs, cast where allowed, in the graph's order. */
  List<Tensor> inputs(List<Tensor> given) {
    Set<String> seen = new HashSet<>();
    for (Tensor t : given) {
      if (!seen.add(t.name())) {
        throw InferenceException.badRequest("input '" + t.name() + "' is given twice");
      }
      if (!signature.checked().containsKey(t.name())) {
        throw InferenceException.badRequest(
            "the model has no input '" + t.name() + "'; it expects " + expected());
      }
    }
    List<Tensor> feeds = new ArrayList<>();
    for (TensorSpec spec : signature.checked().values()) {
      Tensor t =
          given.stream()
              .filter(g -> g.name().equals(spec.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      InferenceException.badRequest(
                          "input '"
                              + spec.name()
                              + "' is missing; the model expects "
                              + expected()));
      feeds.add(check(t, spec));
    }
    return feeds;
  }

  private Tensor check(Tensor t, TensorSpec spec) {
    Tensor value = t;
    if (t.datatype() != spec.datatype()) {
      if (t.datatype() == Datatype.FP64 && spec.datatype() == Datatype.FP32) {
        value = t.fp64ToFp32();
      } else {
        throw InferenceException.badRequest(
            "input '"
                + t.name()
                + "' has datatype "
                + t.datatype()
                + " but the model expects "
                + spec.datatype()
                + " (shape "
                + Shapes.text(spec.shape())
                + ")");
      }
    }
    if (!Shapes.fits(t.shape(), spec.shape())) {
      throw InferenceException.badRequest(
          "input '"
              + t.name()
              + "' has shape "
              + Shapes.text(t.shape())
              + " but the model expects shape "
              + Shapes.text(spec.shape())
              + (hasAnySize(spec.shape()) ? " (-1: any size)" : ""));
    }
    return value;
  }

  private static boolean hasAnySize(long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        return true;
      }
    }
    return false;
  }

  /** The outputs to return: the ones asked for, or all of the graph's when none are. */
  List<String> outputs(List<String> asked) {
    if (asked.isEmpty()) {
      return signature.graphOutputs().stream().map(TensorSpec::name).toList();
    }
    Set<String> seen = new HashSet<>();
    for (String name : asked) {
      if (signature.graphOutput(name).isEmpty()) {
        throw InferenceException.badRequest(
            "the model has no output '"
                + name
                + "'; its outputs are "
                + ModelSignature.describe(signature.graphOutputs()));
      }
      if (!seen.add(name)) {
        throw InferenceException.badRequest("output '" + name + "' is asked for twice");
      }
    }
    return List.copyOf(asked);
  }

  private String expected() {
    return ModelSignature.describe(List.copyOf(signature.checked().values()));
  }
}
