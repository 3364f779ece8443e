package io.fathom.controlplane.ml.deployments;

import io.fathom.controlplane.config.PlaneId;
import io.fathom.controlplane.config.PlatformAddress;
import io.fathom.controlplane.deploy.WorkloadFactory;
import io.fathom.controlplane.instance.Workload;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.fathom.runner.InstanceSpec;
import io.fathom.scaffolds.SdkEnvironment;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The workload of one revision of a model deployment: the model server image, the serving size's
 * resources (and GPUs), and the environment of {@code docs/model-server.md}: the model's files on
 * the artifact proxy (downloaded at start with the deployment's token: weights never go into the
 * image), the device, threads from the size, dynamic batching.
 */
@Singleton
public class ModelWorkloads {
  public static final String TYPE = "model";
  public static final String READY_PATH = "/v2/health/ready";

  private final PlatformAddress platform;
  private final MlSettings settings;
  private final PlaneId plane;

  public ModelWorkloads(PlatformAddress platform, MlSettings settings, PlaneId plane) {
    this.plane = plane;
    this.platform = platform;
    this.settings = settings;
  }

  public Workload of(
      MlDeploymentEntity d, UUID workloadId, LoggedModelEntity model, String image, String token) {
    InstanceSpec.Resources resources = WorkloadFactory.resources(d.servingSize(), d.servingGpu());
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(
        SdkEnvironment.of(
            platform.url(), token, d.organizationId().toString(), d.projectId().toString()));
    env.put("FATHOM_MODEL_NAME", "default");
    env.put(
        "FATHOM_MODEL_ARTIFACT_URI",
        platform.url() + "/api/2.0/mlflow-artifacts/artifacts/" + model.artifactPath());
    env.put("FATHOM_ONNX_DEVICE", resources.gpus() > 0 ? "cuda" : "cpu");
    env.put("FATHOM_ONNX_ALLOW_CPU_FALLBACK", Boolean.toString(settings.allowCpuFallback()));
    env.put("FATHOM_ONNX_INTRA_OP_THREADS", Integer.toString((int) resources.cpus()));
    env.put("FATHOM_BATCH_MAX_SIZE", Integer.toString(settings.batchMaxSize()));
    env.put("FATHOM_BATCH_MAX_DELAY_MS", Integer.toString(settings.batchMaxDelayMs()));
    return new Workload(
        workloadId,
        TYPE,
        d.organizationId(),
        d.projectId(),
        d.id(),
        null,
        image,
        env,
        resources,
        READY_PATH,
        Set.of(token),
        settings.minInstances(),
        plane.value());
  }
}
