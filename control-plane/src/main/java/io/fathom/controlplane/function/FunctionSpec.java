package io.fathom.controlplane.function;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** What a client asks for when it creates a function, before validation. Schemas are JSON text. */
public record FunctionSpec(
    @Nullable String name,
    @Nullable String description,
    @Nullable String kind,
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
