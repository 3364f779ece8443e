package io.fathom.controlplane.mlflow.tracking;

import java.util.List;

/** A run with its data: latest metrics, params, tags and dataset inputs. */
public record RunDetails(
    RunRecord info,
    List<Metric> metrics,
    List<Tag> params,
    List<Tag> tags,
    List<DatasetInput> inputs) {}
