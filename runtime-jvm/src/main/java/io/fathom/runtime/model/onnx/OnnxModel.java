package io.fathom.runtime.model.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An ONNX Runtime session over one model file, with the graph's inputs and outputs as {@link
 * TensorSpec}s and the execution provider it runs on. {@link #run} is thread-safe (ONNX Runtime
 * sessions are).
 */
public final class OnnxModel implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final ExecutionDevice device;
  private final Optional<String> fallbackReason;

  private OnnxModel(
      OrtEnvironment env,
      OrtSession session,
      List<TensorSpec> inputs,
      List<TensorSpec> outputs,
      ExecutionDevice device,
      Optional<String> fallbackReason) {
    this.env = env;
    this.session = session;
    this.inputs = inputs;
    this.outputs = outputs;
    this.device = device;
    this.fallbackReason = fallbackReason;
  }

  /**
   * Opens {@code file} by path (so external data files beside it resolve). With {@link
   * ExecutionDevice#CUDA}, a provider that cannot load fails the open with the provider's error,
   * unless {@link SessionSettings#allowCpuFallback()}: then the session runs on CPU and {@code
   * warn} hears why.
   */
  public static OnnxModel open(
      Path file,
      Map<String, Object> modelOptions,
      SessionSettings settings,
      Consumer<String> warn) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Optional<String> fallback = Optional.empty();
    ExecutionDevice device = settings.device();
    OrtSession session;
    if (device == ExecutionDevice.CUDA) {
      try {
        session = create(env, file, modelOptions, settings, true);
      } catch (CudaFailure e) {
        String reason =
            "the CUDA execution provider could not load: "
                + e.getMessage()
                + " (providers in this ONNX Runtime build: "
                + OrtEnvironment.getAvailableProviders()
                + ")";
        if (!settings.allowCpuFallback()) {
          throw new ModelLoadException(
              "cuda-unavailable",
              reason
                  + " (set FATHOM_ONNX_ALLOW_CPU_FALLBACK=true to run on CPUExecutionProvider"
                  + " instead)",
              e.getCause());
        }
        warn.accept(reason + "; running on CPUExecutionProvider (FATHOM_ONNX_ALLOW_CPU_FALLBACK)");
        fallback = Optional.of(reason);
        device = ExecutionDevice.CPU;
        session = create(env, file, modelOptions, settings, false);
      }
    } else {
      session = create(env, file, modelOptions, settings, false);
    }
    try {
      return new OnnxModel(
          env,
          session,
          specs(session.getInputInfo(), "input"),
          specs(session.getOutputInfo(), "output"),
          device,
          fallback);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session);
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException("onnx-runtime-refused", e.getMessage(), e);
    }
  }

  /** CUDA could not be added or the session could not be created with it. */
  private static final class CudaFailure extends RuntimeException {
    CudaFailure(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static OrtSession create(
      OrtEnvironment env,
      Path file,
      Map<String, Object> modelOptions,
      SessionSettings settings,
      boolean cuda) {
    try (SessionOptions options = SessionOptionsFactory.create(modelOptions, settings)) {
      if (cuda) {
        try {
          options.addCUDA(0);
        } catch (OrtException | RuntimeException | LinkageError e) {
          throw new CudaFailure(e);
        }
      }
      try {
        return env.createSession(file.toString(), options);
      } catch (OrtException e) {
        if (cuda) {
          throw new CudaFailure(e);
        }
        throw new ModelLoadException(
            "onnx-runtime-refused", "ONNX Runtime cannot load the model: " + e.getMessage(), e);
      }
    } catch (OrtException e) {
      throw new ModelLoadException(
          "invalid-session-option", "cannot set the session options: " + e.getMessage(), e);
    }
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> infos, String what) {
    List<TensorSpec> specs = new ArrayList<>();
    for (NodeInfo node : infos.values()) {
      if (!(node.getInfo() instanceof TensorInfo info)) {
        throw new ModelLoadException(
            "unsupported-datatype",
            "the model's "
                + what
                + " '"
                + node.getName()
                + "' is not a tensor ("
                + node.getInfo()
                + "); the V2 protocol serves tensors only");
      }
      Datatype datatype =
          Datatype.ofOnnx(info.onnxType)
              .orElseThrow(
                  () ->
                      new ModelLoadException(
                          "unsupported-datatype",
                          "the model's "
                              + what
                              + " '"
                              + node.getName()
                              + "' is "
                              + info.onnxType
                              + "; this server serves "
                              + Datatype.known()));
      specs.add(new TensorSpec(node.getName(), datatype, info.getShape()));
    }
    return List.copyOf(specs);
  }

  public List<TensorSpec> inputs() {
    return inputs;
  }

  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** The execution provider the session runs on. */
  public ExecutionDevice device() {
    return device;
  }

  /** Why CUDA was asked for and CPU is used, when that happened. */
  public Optional<String> fallbackReason() {
    return fallbackReason;
  }

  /**
   * Runs the model. Inputs must already match the graph (names, datatypes, shapes); the outputs
   * named come back in that order.
   */
  public Map<String, Tensor> run(List<Tensor> feeds, Collection<String> outputNames)
      throws OrtException {
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      for (Tensor feed : feeds) {
        tensors.put(feed.name(), toOnnx(feed));
      }
      try (OrtSession.Result result =
          session.run(tensors, new java.util.LinkedHashSet<>(outputNames))) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : outputNames) {
          OnnxValue value =
              result.get(name).orElseThrow(() -> new OrtException("no output " + name));
          out.put(name, fromOnnx(name, value));
        }
        return out;
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor toOnnx(Tensor t) throws OrtException {
    if (t.datatype() == Datatype.BYTES) {
      return OnnxTensor.createTensor(env, t.strings().toArray(new String[0]), t.shape());
    }
    byte[] raw = t.raw();
    ByteBuffer direct = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder());
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      direct.put(raw).flip();
    } else {
      throw new IllegalStateException("big-endian hosts are not supported");
    }
    return OnnxTensor.createTensor(env, direct, t.shape(), t.datatype().javaType());
  }

  private static Tensor fromOnnx(String name, OnnxValue value) throws OrtException {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new OrtException("output " + name + " is not a tensor: " + value.getInfo());
    }
    TensorInfo info = tensor.getInfo();
    Datatype datatype =
        Datatype.ofOnnx(info.onnxType)
            .orElseThrow(() -> new OrtException("output " + name + " is " + info.onnxType));
    long[] shape = info.getShape();
    if (datatype == Datatype.BYTES) {
      List<String> strings = new ArrayList<>();
      flattenStrings(tensor.getValue(), strings);
      return Tensor.ofStrings(name, shape, strings);
    }
    ByteBuffer buffer = tensor.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    byte[] raw = new byte[buffer.remaining()];
    buffer.get(raw);
    return Tensor.ofBytes(name, datatype, shape, raw);
  }

  private static void flattenStrings(Object value, List<String> out) {
    if (value instanceof String s) {
      out.add(s);
    } else if (value != null && value.getClass().isArray()) {
      int n = Array.getLength(value);
      for (int i = 0; i < n; i++) {
        flattenStrings(Array.get(value, i), out);
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(session);
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Closing a session that failed to start; nothing else to do.
    }
  }
}
