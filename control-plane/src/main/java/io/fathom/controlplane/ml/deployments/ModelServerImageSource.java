package io.fathom.controlplane.ml.deployments;

import io.fathom.controlplane.instance.InstanceException;

/**
 * The model server image a deployment runs: the CPU variant ({@code onnxruntime}) or, for GPU
 * serving, the CUDA variant ({@code onnxruntime_gpu}). Implemented over the builder, which makes
 * the image with Jib on first use.
 */
public interface ModelServerImageSource {
  /** The image to start (a reference or an image id). */
  String image(boolean gpu) throws InstanceException;
}
