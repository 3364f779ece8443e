package io.fathom.controlplane.build.api;

import io.fathom.controlplane.build.Build;
import io.fathom.controlplane.build.BuildResults;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The builds API's request and response bodies. */
public final class BuildDtos {
  private BuildDtos() {}

  /** {@code POST …/builds}: the revision ({@code vN}, latest when absent) and auto-deploy. */
  @Serdeable
  public record CreateBuild(@Nullable String revision, @Nullable Boolean autoDeploy) {}

  /** A build as clients see it. */
  @Serdeable
  public record BuildView(
      String id,
      String functionId,
      String revision,
      String status,
      boolean autoDeploy,
      @Nullable Image image,
      List<BuildResults.Layer> layers,
      Map<String, Long> durations,
      @Nullable Error error,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      @Nullable String deploymentId) {

    static BuildView of(Build b, BuildResults results) {
      return new BuildView(
          b.id().toString(),
          b.functionId().toString(),
          b.revision(),
          b.status().wire(),
          b.autoDeploy(),
          b.imageDigest() == null ? null : new Image(b.imageReference(), b.imageDigest()),
          results.layers(b.layersJson()),
          results.durations(b.durationsJson()),
          b.errorCode() == null ? null : new Error(b.errorCode(), b.errorMessage()),
          b.createdAt(),
          b.startedAt(),
          b.finishedAt(),
          b.deploymentId() == null ? null : b.deploymentId().toString());
    }
  }

  @Serdeable
  public record Image(String reference, String digest) {}

  @Serdeable
  public record Error(String code, String message) {}

  /** One NDJSON log line. */
  @Serdeable
  public record LogLine(Instant ts, String stream, String line) {}
}
