package io.fathom.controlplane.call.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.call.Call;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Wire shapes of the calls API. */
public final class CallDtos {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CallDtos() {}

  @Serdeable
  public record Error(String code, String message) {}

  @Serdeable
  public record Timings(
      @Nullable Long queuedMs, @Nullable Long startMs, @Nullable Long executionMs) {}

  @Serdeable
  public record CallView(
      String id,
      String functionId,
      @Nullable String deploymentId,
      @Nullable String scheduleId,
      String status,
      String mode,
      @Nullable String idempotencyKey,
      @Nullable JsonNode output,
      @Nullable Error error,
      @Nullable Long durationMs,
      boolean coldStart,
      Timings timings,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt) {

    public static CallView of(Call c) {
      return new CallView(
          c.id().toString(),
          c.functionId().toString(),
          c.deploymentId() == null ? null : c.deploymentId().toString(),
          c.scheduleId() == null ? null : c.scheduleId().toString(),
          c.status().wire(),
          c.mode().wire(),
          c.idempotencyKey(),
          json(c.output()),
          c.errorCode() == null ? null : new Error(c.errorCode(), c.errorMessage()),
          c.durationMs(),
          c.coldStart(),
          new Timings(c.queuedMs(), c.startMs(), c.executionMs()),
          c.createdAt(),
          c.startedAt(),
          c.finishedAt());
    }
  }

  static @Nullable JsonNode json(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
