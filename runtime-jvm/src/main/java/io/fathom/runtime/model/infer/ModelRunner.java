package io.fathom.runtime.model.infer;

import io.fathom.runtime.model.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Runs the model once on checked inputs. */
@FunctionalInterface
interface ModelRunner {
  Map<String, Tensor> run(List<Tensor> feeds, List<String> outputs) throws Exception;
}
