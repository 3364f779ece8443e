package io.fathom.controlplane.build;

import java.util.UUID;

/** Published when a build has succeeded (compiled or a cache hit); deployments listen for it. */
public record BuildSucceeded(UUID buildId) {}
