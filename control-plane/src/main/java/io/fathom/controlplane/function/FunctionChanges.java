package io.fathom.controlplane.function;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * A PATCH of a function: null fields stay as they are; env maps merge and a null value removes a
 * key; {@code servingGpu} {@code "none"} detaches the GPU.
 */
public record FunctionChanges(
    @Nullable String name,
    @Nullable String description,
    @Nullable String servingSize,
    @Nullable String servingGpu,
    @Nullable Integer timeoutSeconds,
    @Nullable Integer minInstances,
    @Nullable Map<String, String> buildEnv,
    @Nullable Map<String, String> servingEnv,
    @Nullable Map<String, String> servingSecrets,
    @Nullable Map<String, String> buildSecrets,
    @Nullable String schemaInput,
    @Nullable String schemaOutput) {}
