package io.fathom.controlplane.function;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A function row. Env maps and schemas are stored as JSON text; secrets as one sealed JSON value
 * ({@link FunctionSecrets}). {@code latestRevision} is 0 until the first upload.
 */
@MappedEntity("functions")
public record FunctionEntity(
    @Id UUID id,
    UUID organizationId,
    UUID projectId,
    UUID userId,
    String name,
    String description,
    String kind,
    String servingSize,
    @Nullable String servingGpu,
    int servingTimeoutSeconds,
    int minInstances,
    String buildEnv,
    String servingEnv,
    String sealedSecrets,
    @Nullable String schemaInput,
    @Nullable String schemaOutput,
    int latestRevision,
    Instant createdAt,
    Instant updatedAt) {}
