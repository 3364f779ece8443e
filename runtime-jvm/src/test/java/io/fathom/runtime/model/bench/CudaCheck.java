package io.fathom.runtime.model.bench;

import io.fathom.runtime.model.TestModels;
import io.fathom.runtime.model.mlflow.MlflowModel;
import io.fathom.runtime.model.mlflow.MlflowModelReader;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import io.fathom.runtime.model.onnx.OnnxModel;
import io.fathom.runtime.model.onnx.SessionSettings;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The real CUDA path, for a machine with an NVIDIA GPU and the {@code onnxruntime_gpu} jar on the
 * classpath (bench/onnx-cuda-check.sh): opens the model with the CUDA execution provider (no CPU
 * fallback, so a provider that cannot load fails here with its own error) and on CPU, runs the same
 * random FP32 batch on both, compares the outputs and times both.
 *
 * <p>Usage: {@code CudaCheck [MODEL_DIR] [ROWS] [RUNS]} (default: the {@code mlp} test model, 64
 * rows, 200 runs).
 */
public final class CudaCheck {
  private CudaCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : TestModels.model("mlp");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    MlflowModel mlflow = MlflowModelReader.read(dir);
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.println(
        "ONNX Runtime providers in this build: "
            + ai.onnxruntime.OrtEnvironment.getAvailableProviders());
    long t0 = System.nanoTime();
    OnnxModel gpu;
    try {
      gpu =
          OnnxModel.open(
              mlflow.onnxFile(),
              mlflow.sessionOptions(),
              new SessionSettings(ExecutionDevice.CUDA, false, threads),
              System.out::println);
    } catch (RuntimeException e) {
      System.out.println("CUDA FAILED: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.printf(
        "CUDA session: %s, opened in %d ms%n",
        gpu.device().provider(), (System.nanoTime() - t0) / 1_000_000);
    OnnxModel cpu =
        OnnxModel.open(
            mlflow.onnxFile(),
            mlflow.sessionOptions(),
            new SessionSettings(ExecutionDevice.CPU, false, threads),
            System.out::println);
    List<Tensor> feeds = inputs(cpu.inputs(), rows);
    List<String> outputs = cpu.outputs().stream().map(TensorSpec::name).toList();
    Map<String, Tensor> a = cpu.run(feeds, outputs);
    Map<String, Tensor> b = gpu.run(feeds, outputs);
    double maxDiff = 0;
    for (String name : outputs) {
      ByteBuffer x = a.get(name).buffer();
      ByteBuffer y = b.get(name).buffer();
      while (x.remaining() >= 4) {
        maxDiff = Math.max(maxDiff, Math.abs(x.getFloat() - y.getFloat()));
      }
    }
    System.out.printf("outputs: max |cpu - cuda| = %.3g over %s%n", maxDiff, outputs);
    System.out.printf(
        "cpu:  median %.3f ms per run of %d rows (%d threads)%n",
        time(cpu, feeds, outputs, runs), rows, threads);
    System.out.printf(
        "cuda: median %.3f ms per run of %d rows%n", time(gpu, feeds, outputs, runs), rows);
    System.out.println(maxDiff < 1e-2 ? "CUDA CHECK OK" : "CUDA CHECK MISMATCH");
    cpu.close();
    gpu.close();
    System.exit(maxDiff < 1e-2 ? 0 : 1);
  }

  private static double time(OnnxModel m, List<Tensor> feeds, List<String> outputs, int runs)
      throws Exception {
    for (int i = 0; i < 10; i++) {
      m.run(feeds, outputs);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      m.run(feeds, outputs);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  private static List<Tensor> inputs(List<TensorSpec> specs, int rows) {
    Random random = new Random(1);
    List<Tensor> feeds = new ArrayList<>();
    for (TensorSpec spec : specs) {
      if (spec.datatype() != Datatype.FP32) {
        throw new IllegalArgumentException("CudaCheck feeds FP32 inputs only; " + spec.describe());
      }
      long[] shape = spec.shape();
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shape[i] < 0 ? (i == 0 ? rows : 1) : shape[i];
      }
      int n = 1;
      for (long d : shape) {
        n *= (int) d;
      }
      ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        b.putFloat((float) random.nextGaussian());
      }
      feeds.add(Tensor.ofBytes(spec.name(), Datatype.FP32, shape, b.array()));
    }
    return feeds;
  }
}
