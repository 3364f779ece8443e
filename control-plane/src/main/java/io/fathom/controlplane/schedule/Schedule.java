package io.fathom.controlplane.schedule;

import java.time.Instant;
import java.util.UUID;

/** A schedule: a Unix cron expression in a time zone that calls a function with a fixed input. */
public record Schedule(
    UUID id,
    UUID projectId,
    UUID functionId,
    String cron,
    String timezone,
    String input,
    Instant nextFireAt,
    Instant createdAt) {}
