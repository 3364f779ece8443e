package io.fathom.runtime.model.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.runtime.model.TestModels;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowModelReaderTest {
  @Test
  void iris_signatureSessionOptionsAndInputExample() {
    MlflowModel m = MlflowModelReader.read(TestModels.model("iris"));
    assertThat(m.onnxFile().getFileName().toString()).isEqualTo("model.onnx");
    assertThat(m.inputs())
        .contains(List.of(new TensorSpec("float_input", Datatype.FP32, new long[] {-1, 4})));
    assertThat(m.outputs())
        .contains(List.of(new TensorSpec("label", Datatype.INT64, new long[] {-1})));
    assertThat(m.sessionOptions())
        .containsEntry("intra_op_num_threads", 1)
        .containsEntry("execution_mode", "sequential");
    assertThat(m.inputExample().get().toString()).isEqualTo("[[5.1,3.5,1.4,0.2]]");
  }

  @Test
  void noSignature_leavesMetadataToTheGraph() {
    MlflowModel m = MlflowModelReader.read(TestModels.model("fixed14"));
    assertThat(m.inputs()).isEmpty();
    assertThat(m.inputExample()).isEmpty();
  }

  @Test
  void stringSignature_isBytes() {
    MlflowModel m = MlflowModelReader.read(TestModels.model("strings"));
    assertThat(m.inputs().get().get(0).datatype()).isEqualTo(Datatype.BYTES);
  }

  @Test
  void aBareModelOnnx_isServedFromTheGraph(@TempDir Path dir) throws Exception {
    Files.copy(TestModels.model("scale").resolve("model.onnx"), dir.resolve("model.onnx"));
    assertThat(MlflowModelReader.read(dir).inputs()).isEmpty();
  }

  @Test
  void notAnOnnxModel_saysWhy(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> MlflowModelReader.read(dir))
        .hasMessageContaining("neither an MLmodel");
    Files.writeString(dir.resolve("MLmodel"), "flavors:\n  sklearn: {pickled_model: m.pkl}\n");
    assertThatThrownBy(() -> MlflowModelReader.read(dir))
        .hasMessageContaining("no onnx flavor")
        .hasMessageContaining("sklearn");
    Files.writeString(dir.resolve("MLmodel"), "flavors:\n  onnx: {data: ../x.onnx}\n");
    assertThatThrownBy(() -> MlflowModelReader.read(dir))
        .hasMessageContaining("not in the model directory");
  }
}
