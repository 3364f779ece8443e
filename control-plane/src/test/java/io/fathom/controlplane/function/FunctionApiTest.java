package io.fathom.controlplane.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest(transactional = false)
class FunctionApiTest extends ApiTestBase {
  static final String URI = FUNCTIONS + "/functions";

  static Map<String, Object> body(String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("description", "Just testing");
    body.put("kind", "python310");
    body.put("serving", Map.of("size", "small"));
    return body;
  }

  Reply create(Tenant t, Map<String, Object> body) {
    return call(t.auth(HttpRequest.POST(URI, body)));
  }

  @Test
  void create_withEveryField_returnsTheFunction() {
    Tenant t = newTenant();
    Map<String, Object> body = body("full");
    body.put("serving", Map.of("size", "large", "gpu", "nvidia-l4", "timeoutSeconds", 600));
    body.put("buildEnv", Map.of("PIP_INDEX_URL", "http://mirror"));
    body.put("servingEnv", Map.of("MODE", "fast"));
    body.put("servingSecrets", Map.of("API_KEY", "s3cr3t-value"));
    body.put(
        "schema",
        Map.of(
            "input", Map.of("type", "object", "required", List.of("x")),
            "output", Map.of("type", "object")));

    Reply reply = create(t, body);

    assertThat(reply.status()).isEqualTo(201);
    var f = reply.data();
    assertThat(f.get("id").asText()).hasSize(36);
    assertThat(f.get("projectId").asText()).isEqualTo(t.project().id().toString());
    assertThat(f.get("kind").asText()).isEqualTo("python310");
    assertThat(f.get("serving").get("size").asText()).isEqualTo("large");
    assertThat(f.get("serving").get("gpu").asText()).isEqualTo("nvidia-l4");
    assertThat(f.get("serving").get("timeoutSeconds").asInt()).isEqualTo(600);
    assertThat(f.get("buildEnv").get("PIP_INDEX_URL").asText()).isEqualTo("http://mirror");
    assertThat(f.get("servingEnv").get("MODE").asText()).isEqualTo("fast");
    assertThat(f.get("servingSecrets").get("API_KEY").asText()).isEqualTo("********");
    assertThat(f.get("schema").get("input").get("required").get(0).asText()).isEqualTo("x");
    assertThat(f.get("latestRevision").isNull()).isTrue();
    assertThat(reply.json().toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void create_defaultsTimeoutTo60Seconds() {
    Tenant t = newTenant();
    var f = create(t, body("defaults")).data();
    assertThat(f.get("serving").get("timeoutSeconds").asInt()).isEqualTo(60);
    assertThat(f.get("serving").get("gpu").isNull()).isTrue();
  }

  @Test
  void create_duplicateName_conflicts() {
    Tenant t = newTenant();
    create(t, body("dup"));
    Reply reply = create(t, body("dup"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("function-name-taken");
  }

  @Test
  void create_sameNameInAnotherProject_isFine() {
    assertThat(create(newTenant(), body("same")).status()).isEqualTo(201);
    assertThat(create(newTenant(), body("same")).status()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "name,Bad_Name,invalid-name,",
    "name,-x,invalid-name,",
    "kind,cobol,invalid-kind,\"python310\", \"go124\", \"rust189\", \"rust186\", \"jvm21\"",
    "size,huge,invalid-serving-size,\"small\", \"large\", \"large-high-mem\", \"extra-large\"",
    "gpu,nvidia-a100,invalid-serving-gpu,\"nvidia-l4\", \"nvidia-l4-2x\"",
    "timeout,0,invalid-serving-timeout,between 1 and 3600",
    "timeout,3601,invalid-serving-timeout,between 1 and 3600",
    "description,,invalid-description,required",
  })
  void create_invalidField_isBadRequestNamingValidValues(
      String field, String value, String code, String messagePart) {
    Tenant t = newTenant();
    Map<String, Object> body = body("f");
    Map<String, Object> serving = new HashMap<>(Map.of("size", "small"));
    switch (field) {
      case "name" -> body.put("name", value);
      case "kind" -> body.put("kind", value);
      case "description" -> body.put("description", value == null ? "" : value);
      case "size" -> serving.put("size", value);
      case "gpu" -> serving.put("gpu", value);
      case "timeout" -> serving.put("timeoutSeconds", Integer.parseInt(value));
      default -> throw new IllegalArgumentException(field);
    }
    body.put("serving", serving);

    Reply reply = create(t, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo(code);
    if (messagePart != null) {
      assertThat(reply.errorMessage()).contains(messagePart);
    }
  }

  @ParameterizedTest
  @CsvSource({"1BAD", "has-dash", "FATHOM_SDK_BASE_URL"})
  void create_invalidEnvKey_isBadRequest(String key) {
    Tenant t = newTenant();
    Map<String, Object> body = body("env");
    body.put("servingEnv", Map.of(key, "v"));
    Reply reply = create(t, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-env");
    assertThat(reply.errorMessage()).contains(key);
  }

  @Test
  void create_invalidJsonSchema_isBadRequest() {
    Tenant t = newTenant();
    Map<String, Object> body = body("schema");
    body.put("schema", Map.of("input", Map.of("type", "not-a-type")));
    Reply reply = create(t, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-schema");
    assertThat(reply.errorMessage()).contains("schema.input");
  }

  @Test
  void create_schemaThatIsNotAnObject_isBadRequest() {
    Tenant t = newTenant();
    Map<String, Object> body = body("schema2");
    body.put("schema", Map.of("output", List.of(1, 2)));
    Reply reply = create(t, body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-schema");
  }

  @Test
  void create_malformedJson_isBadRequestInTheErrorShape() {
    Tenant t = newTenant();
    Reply reply =
        call(
            t.auth(
                HttpRequest.POST(URI, "{\"name\": ").contentType(MediaType.APPLICATION_JSON_TYPE)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("bad-request");
  }

  @Test
  void create_autoCreate_storesTheRenderedTemplateAsV1() {
    Tenant t = newTenant();
    Map<String, Object> body = body("auto");
    body.put("autoCreate", true);
    body.put("serving", Map.of("size", "large", "timeoutSeconds", 300));
    body.put("schema", Map.of("input", Map.of("type", "object", "required", List.of("city"))));

    Reply reply = create(t, body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.data().get("latestRevision").asText()).isEqualTo("v1");
    String id = reply.data().get("id").asText();
    var revisions = call(t.auth(HttpRequest.GET(URI + "/" + id + "/revisions")));
    assertThat(revisions.data().get(0).get("fileCount").asInt()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void create_withOrgWideTokenAndNoProjectHeader_asksForTheProject() {
    Tenant t = newTenant();
    Reply reply = call(HttpRequest.POST(URI, body("x")).bearerAuth(t.orgToken()));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("project-required");
  }

  @Test
  void projectToken_worksWithoutHeaders() {
    Tenant t = newTenant();
    Reply reply = call(HttpRequest.POST(URI, body("scoped")).bearerAuth(t.projectToken()));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.data().get("projectId").asText()).isEqualTo(t.project().id().toString());
  }

  @Test
  void getUpdateDelete_roundTrip() {
    Tenant t = newTenant();
    Map<String, Object> body = body("crud");
    body.put("servingEnv", Map.of("A", "1", "B", "2"));
    String id = create(t, body).data().get("id").asText();

    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + id))).data().get("name").asText())
        .isEqualTo("crud");

    Map<String, Object> patch = new HashMap<>();
    patch.put("name", "renamed");
    patch.put("serving", Map.of("size", "extra-large", "timeoutSeconds", 600));
    Map<String, Object> env = new HashMap<>();
    env.put("A", null);
    env.put("C", "3");
    patch.put("servingEnv", env);
    patch.put("servingSecrets", Map.of("TOKEN", "hidden-value"));
    Reply updated = call(t.auth(HttpRequest.PATCH(URI + "/" + id, patch)));

    assertThat(updated.status()).isEqualTo(200);
    var f = updated.data();
    assertThat(f.get("name").asText()).isEqualTo("renamed");
    assertThat(f.get("description").asText()).isEqualTo("Just testing");
    assertThat(f.get("serving").get("size").asText()).isEqualTo("extra-large");
    assertThat(f.get("serving").get("timeoutSeconds").asInt()).isEqualTo(600);
    assertThat(f.get("servingEnv").has("A")).isFalse();
    assertThat(f.get("servingEnv").get("B").asText()).isEqualTo("2");
    assertThat(f.get("servingEnv").get("C").asText()).isEqualTo("3");
    assertThat(f.get("servingSecrets").get("TOKEN").asText()).isEqualTo("********");
    assertThat(updated.json().toString()).doesNotContain("hidden-value");

    assertThat(call(t.auth(HttpRequest.DELETE(URI + "/" + id))).status()).isEqualTo(204);
    Reply gone = call(t.auth(HttpRequest.GET(URI + "/" + id)));
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("function-not-found");
  }

  @Test
  void update_gpuNone_detachesTheGpu() {
    Tenant t = newTenant();
    Map<String, Object> body = body("gpu");
    body.put("serving", Map.of("size", "small", "gpu", "nvidia-l4-2x"));
    String id = create(t, body).data().get("id").asText();
    Reply reply =
        call(t.auth(HttpRequest.PATCH(URI + "/" + id, Map.of("serving", Map.of("gpu", "none")))));
    assertThat(reply.data().get("serving").get("gpu").isNull()).isTrue();
  }

  @Test
  void update_toATakenName_conflicts() {
    Tenant t = newTenant();
    create(t, body("one"));
    String id = create(t, body("two")).data().get("id").asText();
    Reply reply = call(t.auth(HttpRequest.PATCH(URI + "/" + id, Map.of("name", "one"))));
    assertThat(reply.status()).isEqualTo(409);
  }

  @Test
  void update_invalidTimeout_isBadRequestAndChangesNothing() {
    Tenant t = newTenant();
    String id = create(t, body("keep")).data().get("id").asText();
    Reply reply =
        call(
            t.auth(
                HttpRequest.PATCH(
                    URI + "/" + id, Map.of("serving", Map.of("timeoutSeconds", 99999)))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(
            call(t.auth(HttpRequest.GET(URI + "/" + id)))
                .data()
                .get("serving")
                .get("timeoutSeconds")
                .asInt())
        .isEqualTo(60);
  }

  @Test
  void tenancy_anotherProjectsFunction_isNotFoundForReadUpdateDelete() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    String id = create(a, body("private")).data().get("id").asText();

    assertThat(call(b.auth(HttpRequest.GET(URI + "/" + id))).status()).isEqualTo(404);
    assertThat(call(b.auth(HttpRequest.PATCH(URI + "/" + id, Map.of("description", "x")))).status())
        .isEqualTo(404);
    assertThat(call(b.auth(HttpRequest.DELETE(URI + "/" + id))).status()).isEqualTo(404);
    assertThat(call(b.auth(HttpRequest.GET(URI))).data()).isEmpty();
    assertThat(call(a.auth(HttpRequest.GET(URI + "/" + id))).data().get("description").asText())
        .isEqualTo("Just testing");
  }

  @Test
  void tenancy_projectHeaderOfAnotherOrganization_isNotFound() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    Reply reply =
        call(
            HttpRequest.GET(URI)
                .bearerAuth(a.orgToken())
                .header("x-projectid", b.project().id().toString()));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("project-not-found");
  }

  @Test
  void tenancy_projectTokenWithAnotherProjectHeader_isNotFound() {
    Tenant a = newTenant();
    String other =
        call(HttpRequest.POST(PLATFORM + "/projects", Map.of("name", "other"))
                .bearerAuth(a.orgToken()))
            .data()
            .get("id")
            .asText();
    Reply reply =
        call(HttpRequest.GET(URI).bearerAuth(a.projectToken()).header("x-projectid", other));
    assertThat(reply.status()).isEqualTo(404);
  }

  @Test
  void list_paginates() {
    Tenant t = newTenant();
    for (int i = 0; i < 5; i++) {
      create(t, body("page-" + i));
    }
    Reply page2 = call(t.auth(HttpRequest.GET(URI + "?page_number=2&page_size=2")));
    assertThat(page2.data())
        .extracting(n -> n.get("name").asText())
        .containsExactly("page-2", "page-3");
    var pagination = page2.json().get("pagination");
    assertThat(pagination.get("pageNumber").asInt()).isEqualTo(2);
    assertThat(pagination.get("pageSize").asInt()).isEqualTo(2);
    assertThat(pagination.get("totalElements").asInt()).isEqualTo(5);
    assertThat(pagination.get("totalPages").asInt()).isEqualTo(3);
  }

  @Test
  void list_invalidPage_isBadRequest() {
    Tenant t = newTenant();
    assertThat(call(t.auth(HttpRequest.GET(URI + "?page_number=0"))).errorCode())
        .isEqualTo("invalid-page");
    assertThat(call(t.auth(HttpRequest.GET(URI + "?page_size=1000"))).errorCode())
        .isEqualTo("invalid-page");
  }

  @Test
  void filter_documentExample_andOperators() {
    Tenant t = newTenant();
    for (String name : List.of("asset1", "asset2", "other")) {
      Map<String, Object> body = body(name);
      body.put("description", name.equals("asset2") ? "descriptionNot" : "keep");
      create(t, body);
    }
    Map<String, Object> goFn = body("gofn");
    goFn.put("kind", "go124");
    create(t, goFn);

    assertThat(names(t, Map.of("@eq", Map.of("path", "name", "value", "asset1"))))
        .containsExactly("asset1");
    assertThat(names(t, Map.of("@regex", Map.of("path", "name", "pattern", "^asset[0-9]$"))))
        .containsExactly("asset1", "asset2");
    assertThat(
            names(
                t,
                Map.of(
                    "@and",
                    List.of(
                        Map.of("@eq", Map.of("path", "description", "value", "keep")),
                        Map.of(
                            "@not",
                            Map.of("@regex", Map.of("path", "name", "pattern", "^asset")))))))
        .containsExactly("other");
    assertThat(
            names(
                t,
                Map.of(
                    "@or",
                    List.of(
                        Map.of("@eq", Map.of("path", "kind", "value", "go124")),
                        Map.of("@eq", Map.of("path", "name", "value", "asset2"))))))
        .containsExactly("asset2", "gofn");
    assertThat(names(t, Map.of("@in", Map.of("path", "name", "values", List.of("other", "gofn")))))
        .containsExactly("other", "gofn");
    assertThat(names(t, Map.of("@gt", Map.of("path", "serving.timeoutSeconds", "value", 59))))
        .hasSize(4);
    assertThat(
            names(t, Map.of("@lt", Map.of("path", "createdAt", "value", "2000-01-01T00:00:00Z"))))
        .isEmpty();
  }

  @Test
  void filter_cannotSeeOtherProjects() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    create(a, body("mine"));
    assertThat(names(b, Map.of("@eq", Map.of("path", "name", "value", "mine")))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"@eq\": {\"path\": \"project_id\", \"value\": \"x\"}}|valid paths are",
        "{\"@drop\": {\"path\": \"name\"}}|unknown operator",
        "{\"@regex\": {\"path\": \"name\", \"pattern\": \"([\"}}|not a valid regular expression",
        "{\"@eq\": {\"path\": \"createdAt\", \"value\": \"yesterday\"}}|not a valid timestamp",
        "{\"@and\": {\"path\": \"name\"}}|takes an array",
        "{\"@eq\": {\"path\": \"name; DROP TABLE functions\", \"value\": \"x\"}}|cannot be filtered on",
      })
  void filter_invalid_isBadRequest(String filterJson, String messagePart) throws Exception {
    Tenant t = newTenant();
    Reply reply =
        call(
            t.auth(
                HttpRequest.POST(URI + "/filter", "{\"filter\": " + filterJson + "}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-filter");
    assertThat(reply.errorMessage()).contains(messagePart);
  }

  private List<String> names(Tenant t, Map<String, Object> filter) {
    Reply reply = call(t.auth(HttpRequest.POST(URI + "/filter", Map.of("filter", filter))));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(reply.data().spliterator(), false)
        .map(n -> n.get("name").asText())
        .toList();
  }
}
