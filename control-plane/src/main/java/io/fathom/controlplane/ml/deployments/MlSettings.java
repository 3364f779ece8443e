package io.fathom.controlplane.ml.deployments;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Model deployment settings ({@code fathom.ml.*}): {@code min-instances} (1 keeps a model warm, 0
 * lets it scale to zero; default 1), {@code batch-max-size} and {@code batch-max-delay-ms} (the
 * model server's dynamic batching for models whose first dimension is {@code -1}; 0 turns it off;
 * default 32 rows, 2 ms), {@code allow-cpu-fallback} (a GPU deployment whose CUDA provider cannot
 * load runs on CPU instead of failing; default false).
 */
@Singleton
public record MlSettings(
    @Value("${fathom.ml.min-instances:1}") int minInstances,
    @Value("${fathom.ml.batch-max-size:32}") int batchMaxSize,
    @Value("${fathom.ml.batch-max-delay-ms:2}") int batchMaxDelayMs,
    @Value("${fathom.ml.allow-cpu-fallback:false}") boolean allowCpuFallback) {}
