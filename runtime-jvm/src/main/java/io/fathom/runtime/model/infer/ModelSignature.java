package io.fathom.runtime.model.infer;

import io.fathom.runtime.model.mlflow.MlflowModel;
import io.fathom.runtime.model.mlflow.ModelDirectoryException;
import io.fathom.runtime.model.tensor.Shapes;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model's inputs and outputs as it declares them: the MLflow signature when there is one
 * (metadata shows it as logged), else the ONNX graph. Requests are checked against both: a
 * dimension fixed in either is fixed. No batch dimension is ever added or removed.
 *
 * @param inputs declared inputs (for metadata)
 * @param outputs declared outputs (for metadata)
 * @param checked inputs with the dims requests must fit, by name, in the graph's order
 * @param graphOutputs the graph's outputs (what ONNX Runtime can return)
 * @param source {@code signature} or {@code graph}
 */
public record ModelSignature(
    List<TensorSpec> inputs,
    List<TensorSpec> outputs,
    Map<String, TensorSpec> checked,
    List<TensorSpec> graphOutputs,
    String source) {

  public static ModelSignature of(
      MlflowModel model, List<TensorSpec> graphIn, List<TensorSpec> graphOut) {
    Map<String, TensorSpec> graphInputs = new LinkedHashMap<>();
    graphIn.forEach(s -> graphInputs.put(s.name(), s));
    if (model.inputs().isEmpty()) {
      return new ModelSignature(graphIn, graphOut, graphInputs, graphOut, "graph");
    }
    List<TensorSpec> declared = model.inputs().get();
    Map<String, TensorSpec> checked = new LinkedHashMap<>();
    for (TensorSpec sig : declared) {
      TensorSpec graph = graphInputs.get(sig.name());
      if (graph == null) {
        throw new ModelDirectoryException(
            "the signature's input '"
                + sig.name()
                + "' is not an input of the ONNX graph, whose inputs are "
                + describe(graphIn));
      }
      checked.put(sig.name(), new TensorSpec(sig.name(), graph.datatype(), merge(sig, graph)));
    }
    for (TensorSpec graph : graphIn) {
      if (!checked.containsKey(graph.name())) {
        throw new ModelDirectoryException(
            "the ONNX graph's input '" + graph.name() + "' is missing from the signature");
      }
    }
    List<TensorSpec> outputs = model.outputs().orElse(graphOut);
    return new ModelSignature(declared, outputs, checked, graphOut, "signature");
  }

  private static long[] merge(TensorSpec sig, TensorSpec graph) {
    long[] s = sig.shape();
    long[] g = graph.shape();
    if (s.length != g.length) {
      throw new ModelDirectoryException(
          "the signature gives input '"
              + sig.name()
              + "' shape "
              + Shapes.text(s)
              + " but the ONNX graph has "
              + Shapes.text(g)
              + ": they must have the same rank");
    }
    long[] merged = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      merged[i] = g[i] >= 0 ? g[i] : s[i];
    }
    return merged;
  }

  public Optional<TensorSpec> graphOutput(String name) {
    return graphOutputs.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /**
   * Whether rows of concurrent requests can be stacked: every input and output is {@code [-1,…]}.
   */
  public boolean batchable() {
    return !checked.isEmpty()
        && checked.values().stream().allMatch(TensorSpec::batchable)
        && graphOutputs.stream().allMatch(TensorSpec::batchable);
  }

  static String describe(List<TensorSpec> specs) {
    List<String> parts = new ArrayList<>();
    specs.forEach(s -> parts.add(s.describe()));
    return parts.stream().collect(Collectors.joining(", "));
  }
}
