package io.fathom.controlplane.mlflow.models;

import static io.fathom.controlplane.mlflow.models.MlModelParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class InputExamplesTest {
  static final MlModel IRIS =
      MlModelParser.parse(
          resource("iris/MLmodel").replace("${MODEL_ID}", "m-x").replace("${RUN_ID}", "r"));
  static final Map<String, Object> EXPECTED =
      Map.of(
          "inputs",
          List.of(
              Map.of(
                  "name",
                  "float_input",
                  "shape",
                  List.of(1L, 4L),
                  "datatype",
                  "FP32",
                  "data",
                  List.of(5.1, 3.5, 1.4, 0.2))),
          "outputs",
          List.of(Map.of("name", "label")));

  @Test
  void toV2_newerBareNdarray() {
    assertThat(InputExamples.toV2(IRIS, IRIS.inputExample(), resource("iris/input_example.json")))
        .isEqualTo(EXPECTED);
  }

  @Test
  void toV2_olderWrappedNdarray_sameRequest() {
    MlModel older = MlModelParser.parse(resource("mlmodel/sklearn-wrapped-example.MLmodel"));
    assertThat(
            InputExamples.toV2(
                older, older.inputExample(), resource("iris/serving_input_example.json")))
        .isEqualTo(EXPECTED);
  }

  @Test
  void toV2_namedTensors_takeTheirSpecs() {
    assertThat(
            InputExamples.toV2(
                IRIS, IRIS.inputExample(), "{\"inputs\": {\"float_input\": [[1, 2, 3, 4]]}}"))
        .extracting(r -> ((List<?>) r.get("inputs")).get(0))
        .isEqualTo(
            Map.of(
                "name",
                "float_input",
                "shape",
                List.of(1L, 4L),
                "datatype",
                "FP32",
                "data",
                List.of(1L, 2L, 3L, 4L)));
  }

  @Test
  void toV2_splitDataframe_oneInputPerColumn() {
    MlModel columns = MlModelParser.parse(resource("mlmodel/columns.MLmodel"));
    Map<String, Object> request =
        InputExamples.toV2(
            columns,
            columns.inputExample(),
            "{\"columns\": [\"sepal length (cm)\", \"petals\"], \"data\": [[5.1, 3], [4.9, 2]]}");

    assertThat((List<Object>) request.get("inputs"))
        .containsExactly(
            Map.of(
                "name",
                "sepal length (cm)",
                "shape",
                List.of(2L),
                "datatype",
                "FP64",
                "data",
                List.of(5.1, 4.9)),
            Map.of(
                "name",
                "petals",
                "shape",
                List.of(2L),
                "datatype",
                "INT64",
                "data",
                List.of(3L, 2L)));
    assertThat(request).doesNotContainKey("outputs");
  }

  @Test
  void toV2_withoutSignature_infersDatatypes() {
    MlModel bare = MlModelParser.parse("flavors: {onnx: {data: m.onnx}}\n");
    MlModel.ExampleInfo info = new MlModel.ExampleInfo("input_example.json", null, "ndarray", null);
    Map<String, Object> request = InputExamples.toV2(bare, info, "[[1, 2], [3, 4]]");
    assertThat((List<Object>) request.get("inputs"))
        .containsExactly(
            Map.of(
                "name",
                "input-0",
                "shape",
                List.of(2L, 2L),
                "datatype",
                "INT64",
                "data",
                List.of(1L, 2L, 3L, 4L)));
  }

  @Test
  void toV2_garbage_throws() {
    MlModel.ExampleInfo info = IRIS.inputExample();
    assertThatThrownBy(() -> InputExamples.toV2(IRIS, info, "{not json"))
        .isInstanceOf(MlModelException.class);
    assertThatThrownBy(() -> InputExamples.toV2(IRIS, info, "[[1, 2], [3]]"))
        .isInstanceOf(MlModelException.class)
        .hasMessageContaining("rectangular");
    assertThatThrownBy(() -> InputExamples.toV2(IRIS, info, "[[1, [2]], [3, 4]]"))
        .isInstanceOf(MlModelException.class);
  }
}
