package io.fathom.controlplane.instance;

import io.fathom.runner.InstanceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a deployment runs: an image with its environment, resources and labels, whatever kind of
 * deployment it is (a function build or a model server).
 *
 * @param deploymentId the deployment the instances belong to (their key in the pool)
 * @param type {@code function} or {@code model}: the label that tells reconciliation what it is
 * @param ownerId the function id (functions) or the ML deployment id (models)
 * @param readyPath polled until it answers 200 ({@code /_/ready} for functions, {@code
 *     /v2/health/ready} for the model server)
 * @param secretValues values masked in collected log lines
 * @param minInstances 1 keeps an instance warm; 0 lets it scale to zero when idle
 * @param plane the control plane that owns it ({@link io.fathom.controlplane.config.PlaneId})
 */
public record Workload(
    UUID deploymentId,
    String type,
    UUID organizationId,
    UUID projectId,
    UUID ownerId,
    UUID buildId,
    String image,
    Map<String, String> env,
    InstanceSpec.Resources resources,
    String readyPath,
    Set<String> secretValues,
    int minInstances,
    String plane) {

  public static final String LABEL_MANAGED = "io.fathom.managed";
  public static final String LABEL_TYPE = "io.fathom.workload";
  public static final String LABEL_ORGANIZATION = "io.fathom.organization";
  public static final String LABEL_PROJECT = "io.fathom.project";
  public static final String LABEL_OWNER = "io.fathom.owner";
  public static final String LABEL_DEPLOYMENT = "io.fathom.deployment";
  public static final String LABEL_BUILD = "io.fathom.build";

  public Workload {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(image, "image");
    env = Map.copyOf(env);
    secretValues = Set.copyOf(secretValues);
  }

  /** The labels that tie an instance to its organization, project, owner, deployment and build. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(io.fathom.controlplane.config.PlaneId.LABEL, plane);
    labels.put(LABEL_TYPE, type);
    labels.put(LABEL_ORGANIZATION, organizationId.toString());
    labels.put(LABEL_PROJECT, projectId.toString());
    labels.put(LABEL_OWNER, ownerId.toString());
    labels.put(LABEL_DEPLOYMENT, deploymentId.toString());
    if (buildId != null) {
      labels.put(LABEL_BUILD, buildId.toString());
    }
    return labels;
  }

  @Override
  public String toString() {
    // Never print env: it holds secrets and the deployment's token.
    return "Workload[" + type + " " + deploymentId + " " + image + "]";
  }
}
