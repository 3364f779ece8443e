package io.fathom.controlplane.tenancy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A person or service account of an organization. Admins manage projects and tokens. */
@MappedEntity("users")
public record User(
    @Id UUID id, UUID organizationId, String name, boolean admin, Instant createdAt) {}
