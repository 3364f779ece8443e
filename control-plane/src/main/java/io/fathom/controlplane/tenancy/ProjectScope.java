package io.fathom.controlplane.tenancy;

import java.util.UUID;

/**
 * The project a request acts in, already checked against the caller's token. Controllers of project
 * resources take this as a parameter; repositories filter every query by {@link #projectId()}, so
 * one project never sees another's rows.
 */
public record ProjectScope(UUID organizationId, UUID projectId, UUID userId) {}
