package io.fathom.controlplane.common;

import io.micronaut.serde.annotation.Serdeable;

/** Success envelope: {@code {"data": ...}}. */
@Serdeable
public record DataEnvelope<T>(T data) {
  public static <T> DataEnvelope<T> of(T data) {
    return new DataEnvelope<>(data);
  }
}
