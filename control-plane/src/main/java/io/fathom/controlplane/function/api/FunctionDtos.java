package io.fathom.controlplane.function.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Wire shapes of the functions API. */
public final class FunctionDtos {
  private FunctionDtos() {}

  @Serdeable
  public record ServingBody(
      @Nullable String size,
      @Nullable String gpu,
      @Nullable Integer timeoutSeconds,
      @Nullable Integer minInstances) {}

  @Serdeable
  public record SchemaBody(@Nullable JsonNode input, @Nullable JsonNode output) {}

  @Serdeable
  public record CreateFunction(
      @Nullable String name,
      @Nullable String description,
      @Nullable String kind,
      @Nullable ServingBody serving,
      @Nullable Map<String, String> buildEnv,
      @Nullable Map<String, String> servingEnv,
      @Nullable Map<String, String> servingSecrets,
      @Nullable Map<String, String> buildSecrets,
      @Nullable SchemaBody schema,
      @Nullable Boolean autoCreate) {}

  /** A PATCH: absent fields stay; env maps merge and a null value removes a key. */
  @Serdeable
  public record UpdateFunction(
      @Nullable String name,
      @Nullable String description,
      @Nullable ServingBody serving,
      @Nullable Map<String, String> buildEnv,
      @Nullable Map<String, String> servingEnv,
      @Nullable Map<String, String> servingSecrets,
      @Nullable Map<String, String> buildSecrets,
      @Nullable SchemaBody schema) {}

  @Serdeable
  public record FilterBody(@Nullable Object filter) {}

  @Serdeable
  public record ServingView(
      String size, @Nullable String gpu, int timeoutSeconds, int minInstances) {}

  @Serdeable
  public record SchemaView(@Nullable JsonNode input, @Nullable JsonNode output) {}

  @Serdeable
  public record FunctionView(
      UUID id,
      UUID organizationId,
      UUID projectId,
      UUID userId,
      String name,
      String description,
      String kind,
      ServingView serving,
      Map<String, String> buildEnv,
      Map<String, String> servingEnv,
      Map<String, String> servingSecrets,
      Map<String, String> buildSecrets,
      SchemaView schema,
      @Nullable String latestRevision,
      Instant createdAt,
      Instant updatedAt) {}
}
