package io.fathom.controlplane.deploy;

import io.fathom.controlplane.config.PlaneId;
import io.fathom.controlplane.config.PlatformAddress;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionSecrets;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.function.ServingGpu;
import io.fathom.controlplane.function.ServingSize;
import io.fathom.controlplane.instance.Workload;
import io.fathom.runner.InstanceSpec;
import io.fathom.scaffolds.SdkEnvironment;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The workload of a function deployment: the build's image, the resources of the function's serving
 * size and GPU, and the environment of document section 7 (the {@code FATHOM_SDK_*} variables with
 * the deployment's own token, then the function's serving env and secrets). The runtime's per-call
 * access record is turned off ({@code FATHOM_ACCESS_LOG=0}): the call's own record says it.
 */
@Singleton
public class WorkloadFactory {
  public static final String TYPE = "function";

  /** The Python shim's per-call access record ({@code POST /invoke 200 in 3 ms}): off here. */
  static final String ACCESS_LOG = "FATHOM_ACCESS_LOG";

  private static final long GIB = 1024L * 1024 * 1024;

  private final FunctionService functions;
  private final FunctionSecrets secrets;
  private final PlatformAddress platform;
  private final PlaneId plane;

  public WorkloadFactory(
      FunctionService functions, FunctionSecrets secrets, PlatformAddress platform, PlaneId plane) {
    this.plane = plane;
    this.functions = functions;
    this.secrets = secrets;
    this.platform = platform;
  }

  public Workload of(FunctionEntity function, Deployment deployment, String token) {
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(
        SdkEnvironment.of(
            platform.url(),
            token,
            function.organizationId().toString(),
            function.projectId().toString()));
    env.put("FATHOM_FUNCTION_ID", function.id().toString());
    env.put("FATHOM_FUNCTION_NAME", function.name());
    env.put("FATHOM_DEPLOYMENT_ID", deployment.id().toString());
    // Every call is recorded with its status and timings (calls), so the runtime's own per-call
    // access line would only repeat it in the logs; a serving env can turn it back on.
    env.put(ACCESS_LOG, "0");
    env.putAll(functions.read(function.servingEnv()));
    Map<String, String> secretEnv = secrets.open(function.sealedSecrets()).serving();
    env.putAll(secretEnv);
    Set<String> secretValues = new HashSet<>(secretEnv.values());
    secretValues.add(token);
    return new Workload(
        deployment.id(),
        TYPE,
        function.organizationId(),
        function.projectId(),
        function.id(),
        deployment.buildId(),
        deployment.image(),
        env,
        resources(function.servingSize(), function.servingGpu()),
        "/_/ready",
        secretValues,
        deployment.minInstances(),
        plane.value());
  }

  public static InstanceSpec.Resources resources(String size, String gpu) {
    ServingSize s = ServingSize.parse(size);
    int gpus = gpu == null ? 0 : ServingGpu.parse(gpu).count();
    return new InstanceSpec.Resources(
        s.cpus(), s.memoryGib() * GIB, gpus, size + (gpu == null ? "" : " / " + gpu));
  }
}
