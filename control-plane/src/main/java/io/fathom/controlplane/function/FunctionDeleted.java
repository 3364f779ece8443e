package io.fathom.controlplane.function;

import java.util.UUID;

/** Published after a function was deleted: its deployments' instances must stop. */
public record FunctionDeleted(UUID functionId) {}
