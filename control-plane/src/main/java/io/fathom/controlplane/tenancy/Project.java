package io.fathom.controlplane.tenancy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A workspace inside an organization; every function belongs to exactly one project. */
@MappedEntity("projects")
public record Project(
    @Id UUID id, UUID organizationId, String name, String description, Instant createdAt) {}
