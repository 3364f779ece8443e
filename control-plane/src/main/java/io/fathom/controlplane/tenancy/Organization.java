package io.fathom.controlplane.tenancy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A tenant: owns users, tokens and projects. */
@MappedEntity("organizations")
public record Organization(@Id UUID id, String name, Instant createdAt) {}
