package io.fathom.runtime.model.infer;

import ai.onnxruntime.OrtException;
import io.fathom.runtime.model.mlflow.MlflowModel;
import io.fathom.runtime.model.onnx.OnnxModel;
import io.fathom.runtime.model.onnx.SessionSettings;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.model.tensor.TensorSpec;
import io.fathom.runtime.sdk.Logger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The model behind the V2 endpoint: loads the ONNX session, warms it up, then answers inferences
 * (through the {@link DynamicBatcher} when batching is on and the model allows it). It answers only
 * when {@link ModelState#READY}: ready comes after a warmup inference has succeeded.
 */
public final class ServedModel implements AutoCloseable {
  private final String name;
  private final InferenceStats stats = new InferenceStats();
  private final RunTimes runTimes = new RunTimes();
  private volatile ModelState state = ModelState.LOADING;
  private volatile String failure;
  private volatile Loaded loaded;

  /** What a load made: the session, what it declares, and how requests reach it. */
  private record Loaded(
      OnnxModel onnx,
      ModelSignature signature,
      RequestValidator validator,
      Optional<DynamicBatcher> batcher,
      String warmupSource) {}

  public ServedModel(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public ModelState state() {
    return state;
  }

  /** Why the model failed to load, when {@link #state()} is FAILED. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  public InferenceStats stats() {
    return stats;
  }

  private synchronized void moveTo(ModelState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("model state cannot move from " + state + " to " + next);
    }
    state = next;
  }

  /**
   * Opens the model, warms it up and makes it ready; on failure the model is FAILED and the error
   * is rethrown.
   */
  public void load(MlflowModel model, SessionSettings session, BatchSettings batch, Logger log) {
    OnnxModel onnx = null;
    try {
      onnx = OnnxModel.open(model.onnxFile(), model.sessionOptions(), session, log::warn);
      ModelSignature signature = ModelSignature.of(model, onnx.inputs(), onnx.outputs());
      RequestValidator validator = new RequestValidator(signature);
      Optional<DynamicBatcher> batcher = Optional.empty();
      if (batch.enabled()) {
        if (signature.batchable()) {
          batcher = Optional.of(new DynamicBatcher(counted(onnx), batch, name));
        } else {
          log.info(
              "dynamic batching is on but the model's inputs and outputs do not all have a first"
                  + " dimension of -1; requests run one by one");
        }
      }
      List<TensorSpec> inputs = List.copyOf(signature.checked().values());
      List<Tensor> warmup;
      String source;
      if (model.inputExample().isPresent()) {
        List<Tensor> example;
        try {
          example = WarmupInputs.fromExample(model.inputExample().get(), inputs);
          validator.inputs(example);
          warmup = example;
          source = "input-example";
        } catch (RuntimeException e) {
          log.warn(
              "the input example does not fit the model ("
                  + e.getMessage()
                  + "); warming up with zeros");
          warmup = WarmupInputs.zeros(inputs);
          source = "zeros";
        }
      } else {
        warmup = WarmupInputs.zeros(inputs);
        source = "zeros";
      }
      loaded = new Loaded(onnx, signature, validator, batcher, source);
      moveTo(ModelState.WARMING_UP);
      long started = System.nanoTime();
      try {
        counted(onnx).run(validator.inputs(warmup), validator.outputs(List.of()));
      } catch (OrtException e) {
        if (source.equals("input-example")) {
          throw e;
        }
        // Zeros are not valid input for every model (a Reshape's shape, an index): the session
        // is loaded and ran; requests with real values decide.
        log.warn("the warmup inference with zeros failed (" + e.getMessage() + "); serving anyway");
      }
      log.info(
          "model '"
              + name
              + "' warmed up from "
              + source
              + " in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms on "
              + onnx.device().provider());
      moveTo(ModelState.READY);
    } catch (Exception e) {
      failure = e.getMessage();
      state = ModelState.FAILED;
      if (onnx != null && loaded == null) {
        onnx.close();
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("warmup inference failed: " + e.getMessage(), e);
    }
  }

  private ModelRunner counted(OnnxModel onnx) {
    return (feeds, outputs) -> {
      stats.executed(
          feeds.isEmpty() || feeds.get(0).shape().length == 0 ? 1 : feeds.get(0).shape()[0]);
      long started = System.nanoTime();
      Map<String, Tensor> result = onnx.run(feeds, outputs);
      runTimes.record(System.nanoTime() - started);
      return result;
    };
  }

  /** The loaded session; empty before a load succeeded far enough. */
  public Optional<OnnxModel> onnx() {
    Loaded l = loaded;
    return l == null ? Optional.empty() : Optional.of(l.onnx());
  }

  public Optional<ModelSignature> signature() {
    Loaded l = loaded;
    return l == null ? Optional.empty() : Optional.of(l.signature());
  }

  /** {@code input-example} or {@code zeros}: what the warmup inference ran on. */
  public Optional<String> warmupSource() {
    Loaded l = loaded;
    return l == null ? Optional.empty() : Optional.of(l.warmupSource());
  }

  public boolean batching() {
    Loaded l = loaded;
    return l != null && l.batcher().isPresent();
  }

  /**
   * Runs one inference: checks the request on the calling thread (an {@link InferenceException}
   * thrown here), then runs the model: on the batcher's thread when batching is on; else on the
   * calling thread when the model's runs are quick ({@link RunTimes}), on {@code runOn} when not.
   * {@code outputs} empty means all of the model's outputs. The future fails with an {@link
   * InferenceException}.
   */
  public CompletableFuture<Map<String, Tensor>> infer(
      List<Tensor> inputs, List<String> outputs, Executor runOn) {
    if (state != ModelState.READY) {
      throw new InferenceException(
          InferenceException.Kind.NOT_READY,
          "model '" + name + "' is not ready (" + state.label() + ")");
    }
    Loaded l = loaded;
    List<Tensor> feeds = l.validator().inputs(inputs);
    List<String> wanted = l.validator().outputs(outputs);
    stats.inferred();
    CompletableFuture<Map<String, Tensor>> result;
    if (l.batcher().isPresent()) {
      result = l.batcher().get().submit(feeds, wanted);
    } else {
      ModelRunner runner = counted(l.onnx());
      result = new CompletableFuture<>();
      Runnable run =
          () -> {
            try {
              result.complete(runner.run(feeds, wanted));
            } catch (Exception e) {
              result.completeExceptionally(e);
            }
          };
      if (runTimes.quick()) {
        run.run();
      } else {
        try {
          runOn.execute(run);
        } catch (RejectedExecutionException e) {
          throw new InferenceException(InferenceException.Kind.NOT_READY, "the server is stopping");
        }
      }
    }
    return result.handle(
        (outputsByName, error) -> {
          if (error == null) {
            return outputsByName;
          }
          stats.failed();
          throw failure(error instanceof CompletionException c ? c.getCause() : error);
        });
  }

  private static InferenceException failure(Throwable error) {
    return switch (error) {
      case InferenceException e -> e;
      case OrtException e when e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT ->
          InferenceException.badRequest("the model rejected the inputs: " + e.getMessage());
      default ->
          new InferenceException(
              InferenceException.Kind.FAILED, "the model failed to run: " + error.getMessage());
    };
  }

  @Override
  public void close() {
    Loaded l = loaded;
    if (l != null) {
      l.batcher().ifPresent(DynamicBatcher::close);
      l.onnx().close();
    }
  }
}
