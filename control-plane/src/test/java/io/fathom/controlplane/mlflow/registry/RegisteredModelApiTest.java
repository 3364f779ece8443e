package io.fathom.controlplane.mlflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;

@MicronautTest(transactional = false)
class RegisteredModelApiTest extends RegistryTestBase {
  private static final String ARTIFACTS = "mlflow-artifacts:/1/models/m-0/artifacts";

  @Test
  void create_thenGet_returnsNameDescriptionTagsAndTimes() {
    MlflowClient client = mlflow(newTenant());
    JsonNode created =
        post(
            client,
            "registered-models/create",
            "name",
            "iris",
            "description",
            "Iris classifier",
            "tags",
            List.of(Map.of("key", "team", "value", "core")));

    RegisteredModel model = client.getRegisteredModel("iris");

    assertThat(created.at("/registered_model/name").asText()).isEqualTo("iris");
    assertThat(model.getName()).isEqualTo("iris");
    assertThat(model.getDescription()).isEqualTo("Iris classifier");
    assertThat(model.getTagsList())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("team");
              assertThat(t.getValue()).isEqualTo("core");
            });
    assertThat(model.getCreationTimestamp()).isPositive();
    assertThat(model.getLastUpdatedTimestamp())
        .isGreaterThanOrEqualTo(model.getCreationTimestamp());
  }

  @Test
  void create_duplicate_isAlreadyExists_fast_andCreatesNothingUnderRetries() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "dup");

    long start = System.nanoTime();
    JsonNode error = failure(400, () -> createModel(client, "dup"));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(error.get("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    assertThat(error.get("message").asText()).contains("dup");
    assertThat(millis).isLessThan(5_000);
    assertThat(search(client, "name = 'dup'").get("registered_models")).hasSize(1);
  }

  @Test
  void get_unknownName_is404_andMissingName_isInvalid() {
    MlflowClient client = mlflow(newTenant());

    assertThat(failure(404, () -> client.getRegisteredModel("nope")).get("error_code").asText())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(
            failure(400, () -> client.sendPost("registered-models/create", "{}"))
                .get("error_code")
                .asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void update_changesTheDescription() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "described");

    JsonNode updated =
        json(
            client.sendPatch(
                "registered-models/update", body("name", "described", "description", "v2")));

    assertThat(updated.at("/registered_model/description").asText()).isEqualTo("v2");
    assertThat(client.getRegisteredModel("described").getDescription()).isEqualTo("v2");
  }

  @Test
  void search_filtersOrdersAndPages() {
    MlflowClient client = mlflow(newTenant());
    createModel(client, "fraud-a");
    createModel(client, "fraud-b");
    createModel(client, "churn");
    post(client, "registered-models/set-tag", "name", "churn", "key", "team", "value", "growth");

    JsonNode fraud =
        json(
            client.sendGet(
                "registered-models/search?filter=name%20LIKE%20'fraud%25'&order_by=name%20DESC"));
    JsonNode first = json(client.sendGet("registered-models/search?max_results=2"));
    JsonNode second =
        json(
            client.sendGet(
                "registered-models/search?max_results=2&page_token="
                    + first.get("next_page_token").asText()));

    assertThat(names(fraud.get("registered_models"))).containsExactly("fraud-b", "fraud-a");
    assertThat(names(search(client, "tags.team = 'growth'").get("registered_models")))
        .containsExactly("churn");
    assertThat(names(first.get("registered_models"))).containsExactly("churn", "fraud-a");
    assertThat(names(second.get("registered_models"))).containsExactly("fraud-b");
    assertThat(second.has("next_page_token")).isFalse();
    assertThat(
            failure(400, () -> client.sendGet("registered-models/search?filter=owner%3D'x'"))
                .get("error_code")
                .asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void rename_cascadesToVersionsTagsAndAliases() {
    Tenant tenant = newTenant();
    MlflowClient client = mlflow(tenant);
    createModel(client, "old");
    createVersion(client, "old", ARTIFACTS);
    post(client, "registered-models/set-tag", "name", "old", "key", "k", "value", "v");
    post(client, "registered-models/alias", "name", "old", "alias", "champion", "version", "1");

    JsonNode renamed = post(client, "registered-models/rename", "name", "old", "new_name", "new");

    assertThat(renamed.at("/registered_model/name").asText()).isEqualTo("new");
    assertThat(client.getModelVersion("new", "1").getSource()).isEqualTo(ARTIFACTS);
    assertThat(client.getRegisteredModel("new").getTags(0).getKey()).isEqualTo("k");
    assertThat(
            json(client.sendGet("registered-models/alias?name=new&alias=champion"))
                .at("/model_version/version")
                .asText())
        .isEqualTo("1");
    failure(404, () -> client.getRegisteredModel("old"));
    failure(404, () -> client.getModelVersion("old", "1"));
    createModel(client, "taken");
    assertThat(
            failure(
                    400,
                    () ->
                        post(
                            client, "registered-models/rename", "name", "new", "new_name", "taken"))
                .get("error_code")
                .asText())
        .isEqualTo("RESOURCE_ALREADY_EXISTS");
  }

  @Test
  void tags_setReplaceAndDelete() {
    Tenant tenant = newTenant();
    MlflowClient client = mlflow(tenant);
    createModel(client, "tagged");
    post(client, "registered-models/set-tag", "name", "tagged", "key", "k", "value", "1");
    post(client, "registered-models/set-tag", "name", "tagged", "key", "k", "value", "2");

    assertThat(client.getRegisteredModel("tagged").getTags(0).getValue()).isEqualTo("2");
    assertThat(
            delete(tenant, "registered-models/delete-tag", "name", "tagged", "key", "k").status())
        .isEqualTo(200);
    assertThat(client.getRegisteredModel("tagged").getTagsCount()).isZero();
    assertThat(
            delete(tenant, "registered-models/delete-tag", "name", "tagged", "key", "k").status())
        .isEqualTo(404);
  }

  @Test
  void aliases_setGetReservedUnknownVersionAndDelete() {
    Tenant tenant = newTenant();
    MlflowClient client = mlflow(tenant);
    createModel(client, "aliased");
    createVersion(client, "aliased", ARTIFACTS);
    createVersion(client, "aliased", ARTIFACTS);
    post(client, "registered-models/alias", "name", "aliased", "alias", "champion", "version", "1");
    post(client, "registered-models/alias", "name", "aliased", "alias", "champion", "version", "2");

    JsonNode byAlias = json(client.sendGet("registered-models/alias?name=aliased&alias=champion"));
    JsonNode model = json(client.sendGet("registered-models/get?name=aliased"));

    assertThat(byAlias.at("/model_version/version").asText()).isEqualTo("2");
    assertThat(byAlias.at("/model_version/aliases/0").asText()).isEqualTo("champion");
    assertThat(model.at("/registered_model/aliases").toString())
        .isEqualTo("[{\"alias\":\"champion\",\"version\":\"2\"}]");
    JsonNode reserved =
        failure(
            400,
            () ->
                post(
                    client,
                    "registered-models/alias",
                    "name",
                    "aliased",
                    "alias",
                    "latest",
                    "version",
                    "1"));
    assertThat(reserved.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    failure(
        404,
        () ->
            post(
                client,
                "registered-models/alias",
                "name",
                "aliased",
                "alias",
                "x",
                "version",
                "9"));
    assertThat(
            delete(tenant, "registered-models/alias", "name", "aliased", "alias", "champion")
                .status())
        .isEqualTo(200);
    failure(404, () -> client.sendGet("registered-models/alias?name=aliased&alias=champion"));
  }

  @Test
  void delete_removesTheModelAndItsVersions() {
    Tenant tenant = newTenant();
    MlflowClient client = mlflow(tenant);
    createModel(client, "doomed");
    createVersion(client, "doomed", ARTIFACTS);

    assertThat(delete(tenant, "registered-models/delete", "name", "doomed").status())
        .isEqualTo(200);

    failure(404, () -> client.getRegisteredModel("doomed"));
    failure(404, () -> client.getModelVersion("doomed", "1"));
    assertThat(delete(tenant, "registered-models/delete", "name", "doomed").status())
        .isEqualTo(404);
    createModel(client, "doomed"); // the name is free again
  }

  @Test
  void tenancy_anotherProjectSeesNothing_andMayUseTheSameName() {
    MlflowClient mine = mlflow(newTenant());
    MlflowClient theirs = mlflow(newTenant());
    createModel(mine, "shared-name");
    createVersion(mine, "shared-name", ARTIFACTS);

    failure(404, () -> theirs.getRegisteredModel("shared-name"));
    failure(404, () -> theirs.getModelVersion("shared-name", "1"));
    assertThat(search(theirs, "").path("registered_models")).isEmpty();
    assertThat(theirs.searchModelVersions().getItems()).isEmpty();
    createModel(theirs, "shared-name");
    assertThat(theirs.getLatestVersions("shared-name")).isEmpty();
  }

  private static JsonNode search(MlflowClient client, String filter) {
    return json(
        client.sendGet(
            "registered-models/search?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static List<String> names(JsonNode models) {
    return java.util.stream.StreamSupport.stream(models.spliterator(), false)
        .map(m -> m.get("name").asText())
        .toList();
  }
}
