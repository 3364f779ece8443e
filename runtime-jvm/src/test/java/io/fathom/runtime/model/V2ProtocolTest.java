package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The V2 endpoints over HTTP on the Iris model (signature {@code float_input FP32 [-1,4]}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V2ProtocolTest {
  TestServer iris;

  @BeforeAll
  void start() {
    iris = TestServer.load("iris", java.util.Map.of("FATHOM_MODEL_NAME", "iris-classifier"));
  }

  @AfterAll
  void stop() {
    iris.close();
  }

  static String irisRequest(String shape, String data) {
    return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":"
        + shape
        + ",\"datatype\":\"FP32\",\"data\":"
        + data
        + "}],\"outputs\":[{\"name\":\"label\"}]}";
  }

  @Test
  void serverMetadata_listsExtensionsAndTheActiveProvider() {
    JsonNode v2 = iris.client.get("/v2").json();
    assertThat(v2.get("name").asText()).isEqualTo("fathom-model-server");
    assertThat(v2.get("extensions").toString()).contains("binary_tensor_data");
    assertThat(v2.at("/fathom/provider").asText()).isEqualTo("CPUExecutionProvider");
    assertThat(v2.at("/fathom/fallback").asBoolean()).isFalse();
    assertThat(v2.at("/fathom/model_state").asText()).isEqualTo("ready");
  }

  @Test
  void health_liveAndReady() {
    assertThat(iris.client.get("/v2/health/live").status()).isEqualTo(200);
    assertThat(iris.client.get("/v2/health/ready").status()).isEqualTo(200);
    assertThat(iris.client.get("/v2/models/iris-classifier/ready").status()).isEqualTo(200);
  }

  @Test
  void modelMetadata_comesFromTheSignature() {
    JsonNode meta = iris.client.get("/v2/models/iris-classifier").json();
    assertThat(meta.get("name").asText()).isEqualTo("iris-classifier");
    assertThat(meta.get("platform").asText()).isEqualTo("onnxruntime_onnx");
    assertThat(meta.get("inputs").toString())
        .isEqualTo("[{\"name\":\"float_input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]");
    assertThat(meta.get("outputs").toString())
        .isEqualTo("[{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[-1]}]");
    assertThat(meta.at("/parameters/metadata_source").asText()).isEqualTo("signature");
  }

  @Test
  void modelMetadata_comesFromTheGraphWithoutASignature() {
    try (TestServer fixed = TestServer.load("fixed14")) {
      JsonNode meta = fixed.client.get("/v2/models/default").json();
      assertThat(meta.at("/parameters/metadata_source").asText()).isEqualTo("graph");
      assertThat(meta.get("inputs").toString())
          .isEqualTo("[{\"name\":\"float_input\",\"datatype\":\"FP32\",\"shape\":[1,4]}]");
      assertThat(meta.get("outputs").get(0).get("name").asText()).isEqualTo("label");
    }
  }

  @Test
  void infer_flatData_oneRow() {
    V2Client.Reply reply =
        iris.client.post(
            "/v2/models/iris-classifier/infer", irisRequest("[1,4]", "[7.0,3.2,4.7,1.4]"));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode out = reply.json();
    assertThat(out.get("model_name").asText()).isEqualTo("iris-classifier");
    JsonNode label = out.get("outputs").get(0);
    assertThat(label.get("name").asText()).isEqualTo("label");
    assertThat(label.get("datatype").asText()).isEqualTo("INT64");
    assertThat(label.get("shape").toString()).isEqualTo("[1]");
    assertThat(label.get("data").toString()).isEqualTo("[1]");
  }

  @Test
  void infer_documentsInlineExample_twoByFourWithFourValues_namesTheElementCount() {
    V2Client.Reply reply =
        iris.client.post(
            "/v2/models/iris-classifier/infer", irisRequest("[2,4]", "[5.1,3.5,1.4,0.2]"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error())
        .contains("float_input")
        .contains("[2,4]")
        .contains("8 elements")
        .contains("4 values")
        .contains("element count");
  }

  @Test
  void infer_twoByFourWithEightValues_returnsTwoLabels() {
    V2Client.Reply reply =
        iris.client.post(
            "/v2/models/iris-classifier/infer",
            irisRequest("[2,4]", "[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3]"));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode label = reply.json().get("outputs").get(0);
    assertThat(label.get("shape").toString()).isEqualTo("[2]");
    assertThat(label.get("data").toString()).isEqualTo("[0,2]");
  }

  @Test
  void infer_twoByFour_onTheDocumentsOneByFourSignature_namesTheExpectedShape() {
    try (TestServer fixed = TestServer.load("iris-fixed")) {
      V2Client.Reply reply =
          fixed.client.post(
              "/v2/models/default/infer",
              irisRequest("[2,4]", "[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3]"));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.error()).contains("[2,4]").contains("expects shape [1,4]");
      V2Client.Reply one =
          fixed.client.post("/v2/models/default/infer", irisRequest("[1,4]", "[5.1,3.5,1.4,0.2]"));
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.json().at("/outputs/0/data").toString()).isEqualTo("[0]");
    }
  }

  @Test
  void infer_noImplicitBatchDimension_flatInputIsAShapeError() {
    V2Client.Reply reply =
        iris.client.post(
            "/v2/models/iris-classifier/infer", irisRequest("[4]", "[5.1,3.5,1.4,0.2]"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("has shape [4]").contains("expects shape [-1,4]");
  }

  @Test
  void infer_nestedData_isRowMajor() {
    V2Client.Reply reply =
        iris.client.post(
            "/v2/models/iris-classifier/infer",
            irisRequest("[2,4]", "[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/outputs/0/data").toString()).isEqualTo("[0,2]");
  }

  @Test
  void infer_echoesIdAndPassesParametersThrough() {
    String body =
        "{\"id\":\"req-42\",\"parameters\":{\"trace\":\"abc\",\"n\":3},\"inputs\":[{\"name\":"
            + "\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}";
    JsonNode out = iris.client.post("/v2/models/iris-classifier/infer", body).json();
    assertThat(out.get("id").asText()).isEqualTo("req-42");
    assertThat(out.get("parameters").toString()).isEqualTo("{\"trace\":\"abc\",\"n\":3}");
    // no "outputs" asked for: every output comes back
    assertThat(out.at("/outputs/0/name").asText()).isEqualTo("label");
  }

  @Test
  void infer_fp64ToAnFp32Input_isCast() {
    String body =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP64\","
            + "\"data\":[6.7,3.0,5.2,2.3]}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/iris-classifier/infer", body);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/outputs/0/data").toString()).isEqualTo("[2]");
  }

  @Test
  void badRequest_wrongInputName_listsTheExpectedInputs() {
    String body =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[1,2,3,4]}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/iris-classifier/infer", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("no input 'input'").contains("float_input FP32 [-1,4]");
  }

  @Test
  void badRequest_wrongDatatype_namesTheExpectedOne() {
    String body =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"INT32\","
            + "\"data\":[1,2,3,4]}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/iris-classifier/infer", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("datatype INT32").contains("expects FP32");
  }

  @Test
  void badRequest_unknownDatatype_listsTheKnownOnes() {
    String body =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"BF16\","
            + "\"data\":[1,2,3,4]}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/iris-classifier/infer", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("BF16").contains("FP32").contains("BYTES");
  }

  @Test
  void badRequest_wrongShape_namesTheExpectedShape() {
    V2Client.Reply reply =
        iris.client.post("/v2/models/iris-classifier/infer", irisRequest("[1,3]", "[1.0,2.0,3.0]"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("has shape [1,3]").contains("expects shape [-1,4]");
  }

  @Test
  void badRequest_valueOfTheWrongKind_andMalformedBodies() {
    assertThat(
            iris.client
                .post("/v2/models/iris-classifier/infer", irisRequest("[1,4]", "[1,2,\"x\",4]"))
                .error())
        .contains("not a number");
    assertThat(iris.client.post("/v2/models/iris-classifier/infer", "{nope").status())
        .isEqualTo(400);
    V2Client.Reply noInputs = iris.client.post("/v2/models/iris-classifier/infer", "{}");
    assertThat(noInputs.status()).isEqualTo(400);
    assertThat(noInputs.error()).contains("inputs");
  }

  @Test
  void badRequest_unknownOutput_listsTheOutputs() {
    String body =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[1,2,3,4]}],\"outputs\":[{\"name\":\"output_label\"}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/iris-classifier/infer", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("no output 'output_label'").contains("label INT64");
  }

  @Test
  void wrongMethod_is405_namingTheMethodInAllow() {
    V2Client.Reply post = iris.client.post("/v2/health/live", "{}");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.raw().headers().firstValue("Allow")).hasValue("GET");
    assertThat(post.error()).isEqualTo("use GET on /v2/health/live");
    V2Client.Reply get = iris.client.get("/v2/models/iris-classifier/infer");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void unknownModel_is404() {
    V2Client.Reply reply =
        iris.client.post("/v2/models/nope/infer", irisRequest("[1,4]", "[1,2,3,4]"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.error()).contains("unknown model 'nope'").contains("iris-classifier");
    assertThat(iris.client.get("/v2/models/nope").status()).isEqualTo(404);
    assertThat(iris.client.get("/v2/nothing").status()).isEqualTo(404);
  }

  @Test
  void versionedPaths_work() {
    assertThat(
            iris.client
                .post(
                    "/v2/models/iris-classifier/versions/1/infer",
                    irisRequest("[1,4]", "[7.0,3.2,4.7,1.4]"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void outputsSelection_returnsOnlyTheOnesAskedFor() {
    try (TestServer two = TestServer.load("twoout")) {
      String body =
          "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1,2]}],"
              + "\"outputs\":[{\"name\":\"neg\"}]}";
      JsonNode out = two.client.post("/v2/models/default/infer", body).json();
      assertThat(out.get("outputs")).hasSize(1);
      assertThat(out.at("/outputs/0/name").asText()).isEqualTo("neg");
      assertThat(out.at("/outputs/0/data").toString()).isEqualTo("[-1.0,-2.0]");
      String all = body.replace(",\"outputs\":[{\"name\":\"neg\"}]", "");
      assertThat(two.client.post("/v2/models/default/infer", all).json().get("outputs")).hasSize(2);
    }
  }

  @Test
  void externalData_resolvesBesideTheModelFile() {
    try (TestServer ext = TestServer.load("external")) {
      String body =
          "{\"inputs\":[{\"name\":\"x\",\"shape\":[4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}";
      assertThat(
              ext.client
                  .post("/v2/models/default/infer", body)
                  .json()
                  .at("/outputs/0/data")
                  .toString())
          .isEqualTo("[11.0,22.0,33.0,44.0]");
    }
  }
}
