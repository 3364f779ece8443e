package io.fathom.controlplane.mlflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlModelParserTest {

  static String resource(String name) {
    try (InputStream in = MlModelParserTest.class.getResourceAsStream("/mlflow/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void parse_mlflow3OnnxModel_readsFlavorsSignatureAndExample() {
    MlModel model =
        MlModelParser.parse(
            resource("iris/MLmodel")
                .replace("${MODEL_ID}", "m-0123456789abcdef0123456789abcdef")
                .replace("${RUN_ID}", "7ee5e476cc964a99beec2f4269f8e811"));

    assertThat(model.kind()).isEqualTo(ModelKind.ONNX);
    assertThat(model.flavors()).containsOnlyKeys("onnx", "python_function");
    assertThat(model.onnx().orElseThrow())
        .containsEntry("data", "model.onnx")
        .containsEntry("onnx_version", "1.12.0")
        .containsEntry("providers", List.of("CUDAExecutionProvider", "CPUExecutionProvider"));
    assertThat(model.inputs())
        .containsExactly(
            new SchemaField("float_input", "tensor", "float32", List.of(-1L, 4L), "FP32"));
    assertThat(model.outputs())
        .containsExactly(new SchemaField("label", "tensor", "int64", List.of(-1L), "INT64"));
    assertThat(model.inputExample())
        .isEqualTo(
            new MlModel.ExampleInfo(
                "input_example.json", "serving_input_example.json", "ndarray", null));
    assertThat(model.modelId()).isEqualTo("m-0123456789abcdef0123456789abcdef");
    assertThat(model.modelUuid()).isEqualTo("m-0123456789abcdef0123456789abcdef");
    assertThat(model.runId()).isEqualTo("7ee5e476cc964a99beec2f4269f8e811");
  }

  @Test
  void parse_olderSklearnModel_fixedBatchAndTfServingExample() {
    MlModel model = MlModelParser.parse(resource("mlmodel/sklearn-wrapped-example.MLmodel"));

    assertThat(model.kind()).isEqualTo(ModelKind.SKLEARN);
    assertThat(model.inputs().get(0).shape()).containsExactly(1L, 4L);
    assertThat(model.inputExample().format()).isEqualTo("tf-serving");
    assertThat(model.inputExample().servingInputPath()).isNull();
    assertThat(model.modelId()).isNull();
    assertThat(model.modelUuid()).isEqualTo("3d22615565ae4f5f896d3a05072b552f");
  }

  @Test
  void parse_columnSignature_mapsColumnTypes() {
    MlModel model = MlModelParser.parse(resource("mlmodel/columns.MLmodel"));

    assertThat(model.inputs())
        .containsExactly(
            new SchemaField("sepal length (cm)", "double", "double", List.of(-1L), "FP64"),
            new SchemaField("petals", "long", "long", List.of(-1L), "INT64"));
    assertThat(model.outputs()).singleElement().extracting(SchemaField::name).isNull();
    assertThat(model.inputExample().type()).isEqualTo("dataframe");
  }

  @Test
  void parse_kinds_fromFlavors() {
    assertThat(MlModelParser.parse(resource("mlmodel/transformers.MLmodel")).kind())
        .isEqualTo(ModelKind.HUGGING_FACE);
    MlModel pytorch = MlModelParser.parse(resource("mlmodel/pytorch-no-signature.MLmodel"));
    assertThat(pytorch.kind()).isEqualTo(ModelKind.PYTORCH);
    assertThat(pytorch.hasSignature()).isFalse();
    assertThat(pytorch.inputExample()).isNull();
    assertThat(MlModelParser.parse("flavors:\n  python_function: {loader_module: x}\n").kind())
        .isEqualTo(ModelKind.UNKNOWN);
    assertThat(ModelKind.HUGGING_FACE.wire()).isEqualTo("hugging-face");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "just a string",
        "- a\n- list\n",
        "flavors: [1, 2",
        "mlflow_version: 3.5.0\n",
        "flavors: {}\n",
        "flavors: {onnx: 5}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: 'x'\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: 'not json'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '{\"a\": 1}'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '[{\"name\": \"x\"}]'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '[{\"type\": \"tensor\","
            + " \"tensor-spec\": {\"dtype\": \"complex\", \"shape\": [1]}}]'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '[{\"type\": \"tensor\","
            + " \"tensor-spec\": {\"dtype\": \"float32\"}}]'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '[{\"type\": \"tensor\","
            + " \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [\"a\"]}}]'}\n",
        "flavors: {onnx: {data: m.onnx}}\nsignature: {inputs: '[{\"type\": \"decimal\"}]'}\n",
        "flavors: {a: 1}\nflavors: {b: 2}\n",
        "\u0000\u0001binary"
      })
  void parse_garbage_throwsWithAReason(String yaml) {
    assertThatThrownBy(() -> MlModelParser.parse(yaml))
        .isInstanceOf(MlModelException.class)
        .hasMessageNotContaining("Exception");
  }

  @Test
  void parse_missingOptionalParts_areAbsent() {
    MlModel model = MlModelParser.parse("flavors:\n  onnx:\n    data: model.onnx\n");
    assertThat(model.inputs()).isEmpty();
    assertThat(model.outputs()).isEmpty();
    assertThat(model.inputExample()).isNull();
    assertThat(model.runId()).isNull();
    assertThat(model.onnx().orElseThrow()).isEqualTo(Map.of("data", "model.onnx"));
  }
}
