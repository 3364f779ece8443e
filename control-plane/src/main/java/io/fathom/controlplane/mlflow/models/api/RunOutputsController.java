package io.fathom.controlplane.mlflow.models.api;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.Empty;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.LogOutputsRequest;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /api/2.0/mlflow/runs/outputs}: links logged models to the run that made them. */
@Controller("/api/2.0/mlflow/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunOutputsController {
  private final LoggedModelService service;

  RunOutputsController(LoggedModelService service) {
    this.service = service;
  }

  @Post("/outputs")
  public Empty logOutputs(@FromToken ProjectScope scope, @Body LogOutputsRequest body) {
    service.logOutputs(
        scope,
        body.runId(),
        LoggedModelController.orEmpty(body.models()).stream()
            .map(
                m -> {
                  if (m.modelId() == null) {
                    throw MlflowException.invalid(
                        "Missing value for required parameter 'models.model_id'.");
                  }
                  return new LoggedModelService.ModelOutput(
                      m.modelId(), m.step() == null ? 0 : m.step());
                })
            .toList());
    return new Empty();
  }
}
