package io.fathom.controlplane.mlflow.tracking.search;

/** One {@code order_by} entry: {@code metrics.rmse DESC}. */
public record OrderBy(Clause.Entity entity, String key, boolean ascending) {}
