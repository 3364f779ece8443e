package io.fathom.controlplane.mlflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionStatus;
import org.mlflow.tracking.MlflowClient;

@MicronautTest(transactional = false)
class ModelVersionApiTest extends RegistryTestBase {
  private static final String ARTIFACTS = "mlflow-artifacts:/7/models/m-1/artifacts";

  @Test
  void create_numbersVersions_andTheClientReadsThem() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "iris");

    JsonNode first =
        post(
            client,
            "model-versions/create",
            "name",
            "iris",
            "source",
            ARTIFACTS,
            "description",
            "first",
            "tags",
            List.of(Map.of("key", "stage", "value", "dev")));
    String second = createVersion(client, "iris", ARTIFACTS);
    ModelVersion version = client.getModelVersion("iris", "1");

    assertThat(first.at("/model_version/version").asText()).isEqualTo("1");
    assertThat(first.at("/model_version/status").asText()).isEqualTo("READY");
    assertThat(second).isEqualTo("2");
    assertThat(version.getSource()).isEqualTo(ARTIFACTS);
    assertThat(version.getStatus()).isEqualTo(ModelVersionStatus.READY);
    assertThat(version.getCurrentStage()).isEqualTo("None");
    assertThat(version.getDescription()).isEqualTo("first");
    assertThat(version.getTags(0).getValue()).isEqualTo("dev");
    assertThat(client.getModelVersionDownloadUri("iris", "2")).isEqualTo(ARTIFACTS);
    assertThat(client.getRegisteredModel("iris").getLatestVersions(0).getVersion()).isEqualTo("2");
  }

  @Test
  void create_fromARun_recordsTheRun_andDownloadsFromItsArtifacts() {
    MlflowClient client = mlflow(newTenant());
    String experimentId = client.createExperiment("registry-runs");
    String runId = client.createRun(experimentId).getRunId();
    String artifactUri = client.getRun(runId).getInfo().getArtifactUri();
    createModel(client, "from-run");

    JsonNode created =
        post(
            client,
            "model-versions/create",
            "name",
            "from-run",
            "source",
            "runs:/" + runId + "/model");

    assertThat(created.at("/model_version/run_id").asText()).isEqualTo(runId);
    assertThat(client.getModelVersionDownloadUri("from-run", "1"))
        .isEqualTo(artifactUri + "/model");
    assertThat(client.searchModelVersions("run_id = '" + runId + "'").getItems()).hasSize(1);
  }

  @Test
  void create_fromALoggedModel_recordsTheModelId_andDownloadsFromItsArtifacts() {
    MlflowClient client = mlflow(newTenant());
    String experimentId = client.createExperiment("registry-models");
    JsonNode logged =
        post(client, "logged-models", "experiment_id", experimentId, "name", "iris_classifier");
    String modelId = logged.at("/model/info/model_id").asText();
    String artifactUri = logged.at("/model/info/artifact_uri").asText();
    createModel(client, "from-model");

    JsonNode created =
        post(client, "model-versions/create", "name", "from-model", "source", "models:/" + modelId);

    assertThat(created.at("/model_version/model_id").asText()).isEqualTo(modelId);
    assertThat(client.getModelVersionDownloadUri("from-model", "1")).isEqualTo(artifactUri);
    failure(
        404,
        () ->
            post(
                client,
                "model-versions/create",
                "name",
                "from-model",
                "source",
                "models:/m-0123456789abcdef0123456789abcdef"));
  }

  @Test
  void create_fromAnUnknownRun_is404_andCreatesNothing() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "orphan");
    String unknown = "0123456789abcdef0123456789abcdef";

    JsonNode bySource =
        failure(
            404,
            () ->
                post(
                    client,
                    "model-versions/create",
                    "name",
                    "orphan",
                    "source",
                    "runs:/" + unknown + "/m"));
    JsonNode byRunId =
        failure(
            404,
            () ->
                post(
                    client,
                    "model-versions/create",
                    "name",
                    "orphan",
                    "source",
                    ARTIFACTS,
                    "run_id",
                    unknown));

    assertThat(bySource.get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(byRunId.get("message").asText()).contains(unknown);
    assertThat(client.searchModelVersions("name = 'orphan'").getItems()).isEmpty();
  }

  @Test
  void create_rejectsLocalSources_andUnknownModels() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "strict");

    JsonNode local =
        failure(
            400,
            () -> post(client, "model-versions/create", "name", "strict", "source", "/tmp/model"));
    JsonNode unknownModel =
        failure(
            404, () -> post(client, "model-versions/create", "name", "nope", "source", ARTIFACTS));

    assertThat(local.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(unknownModel.get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void latestVersions_byStage() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "staged");
    createVersion(client, "staged", ARTIFACTS);
    createVersion(client, "staged", ARTIFACTS);
    createVersion(client, "staged", ARTIFACTS);
    post(
        client,
        "model-versions/transition-stage",
        "name",
        "staged",
        "version",
        "1",
        "stage",
        "production");

    List<ModelVersion> production = client.getLatestVersions("staged", List.of("Production"));
    List<ModelVersion> all = client.getLatestVersions("staged");

    assertThat(production).extracting(ModelVersion::getVersion).containsExactly("1");
    assertThat(all).extracting(ModelVersion::getVersion).containsExactlyInAnyOrder("1", "3");
    assertThat(
            failure(400, () -> client.getLatestVersions("staged", List.of("Prod")))
                .get("message")
                .asText())
        .contains("Production");
    failure(404, () -> client.getLatestVersions("unknown-model"));
  }

  @Test
  void search_byNameTagAndVersion_withOrder() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "a");
    createModel(client, "b");
    createVersion(client, "a", ARTIFACTS);
    createVersion(client, "a", ARTIFACTS);
    createVersion(client, "b", ARTIFACTS);
    post(
        client, "model-versions/set-tag", "name", "a", "version", "2", "key", "ok", "value", "yes");

    assertThat(client.searchModelVersions("name = 'a'").getItems())
        .extracting(ModelVersion::getVersion)
        .containsExactly("2", "1");
    assertThat(
            client
                .searchModelVersions("", 10, List.of("name DESC", "version_number ASC"))
                .getItems())
        .extracting(v -> v.getName() + v.getVersion())
        .containsExactly("b1", "a1", "a2");
    assertThat(client.searchModelVersions("tags.ok = 'yes'").getItems())
        .extracting(v -> v.getName() + v.getVersion())
        .containsExactly("a2");
    assertThat(client.searchModelVersions("name = 'a' AND version_number > 1").getItems())
        .hasSize(1);
  }

  @Test
  void update_tags_andDelete() {
    Tenant tenant = newTenant();
    MlflowClient client = mlflow(tenant);
    createModel(client, "m");
    createVersion(client, "m", ARTIFACTS);
    post(client, "registered-models/alias", "name", "m", "alias", "prod", "version", "1");

    json(
        client.sendPatch(
            "model-versions/update", body("name", "m", "version", "1", "description", "d")));
    post(client, "model-versions/set-tag", "name", "m", "version", "1", "key", "k", "value", "v");
    ModelVersion updated = client.getModelVersion("m", "1");

    assertThat(updated.getDescription()).isEqualTo("d");
    assertThat(updated.getTags(0).getKey()).isEqualTo("k");
    assertThat(updated.getAliasesList()).containsExactly("prod");
    assertThat(
            delete(tenant, "model-versions/delete-tag", "name", "m", "version", "1", "key", "k")
                .status())
        .isEqualTo(200);
    assertThat(client.getModelVersion("m", "1").getTagsCount()).isZero();
    assertThat(delete(tenant, "model-versions/delete", "name", "m", "version", "1").status())
        .isEqualTo(200);
    failure(404, () -> client.getModelVersion("m", "1"));
    failure(404, () -> client.sendGet("registered-models/alias?name=m&alias=prod"));
  }

  @Test
  void unknownAndMalformedVersions() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "v");

    assertThat(failure(404, () -> client.getModelVersion("v", "3")).get("error_code").asText())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(failure(400, () -> client.getModelVersion("v", "abc")).get("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    failure(404, () -> client.getModelVersionDownloadUri("v", "1"));
  }
}
