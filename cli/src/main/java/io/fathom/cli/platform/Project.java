package io.fathom.cli.platform;

/** A project of the organization. */
record Project(
    String id, String organizationId, String name, String description, String createdAt) {}
