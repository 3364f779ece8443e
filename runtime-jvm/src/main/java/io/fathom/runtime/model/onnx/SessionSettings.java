package io.fathom.runtime.model.onnx;

import java.util.Objects;

/**
 * How the deployment asks sessions to run.
 *
 * @param device {@code FATHOM_ONNX_DEVICE}
 * @param allowCpuFallback {@code FATHOM_ONNX_ALLOW_CPU_FALLBACK}: when CUDA cannot load, run on CPU
 *     (and say so) instead of failing
 * @param intraOpThreads {@code FATHOM_ONNX_INTRA_OP_THREADS}: the serving size's CPUs; caps the
 *     model's own {@code intra_op_num_threads}
 */
public record SessionSettings(
    ExecutionDevice device, boolean allowCpuFallback, int intraOpThreads) {
  public SessionSettings {
    Objects.requireNonNull(device, "device");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1");
    }
  }

  public static SessionSettings cpu(int threads) {
    return new SessionSettings(ExecutionDevice.CPU, false, threads);
  }
}
