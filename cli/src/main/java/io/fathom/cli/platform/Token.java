package io.fathom.cli.platform;

/** An API token; {@code token} (the secret) is only present right after creation. */
record Token(
    String id,
    String name,
    String userId,
    String projectId,
    String createdAt,
    String expiresAt,
    String revokedAt,
    String lastUsedAt,
    String token) {}
