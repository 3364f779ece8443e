package io.fathom.runtime.model.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.runtime.host.JsonLog;
import io.fathom.runtime.model.TestModels;
import io.fathom.runtime.model.mlflow.MlflowModelReader;
import io.fathom.runtime.model.onnx.SessionSettings;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.sdk.Logger;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A quick model (Iris: tens of microseconds a run) moves from the inference pool to the calling
 * thread once its runs prove quick, and answers the same either way.
 */
class QuickRunsTest {
  private static final Logger QUIET =
      new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()).host();

  @Test
  void irisRuns_endUpOnTheCallingThread() throws Exception {
    try (ServedModel served = new ServedModel("iris")) {
      served.load(
          MlflowModelReader.read(TestModels.model("iris")),
          SessionSettings.cpu(1),
          BatchSettings.OFF,
          QUIET);
      AtomicInteger pooled = new AtomicInteger();
      Executor pool =
          run -> {
            pooled.incrementAndGet();
            Thread.ofPlatform().start(run);
          };
      ByteBuffer row = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      row.putFloat(5.1f).putFloat(3.5f).putFloat(1.4f).putFloat(0.2f);
      Tensor input = Tensor.ofBytes("float_input", Datatype.FP32, new long[] {1, 4}, row.array());
      int calls = 300;
      for (int i = 0; i < calls; i++) {
        Tensor label = served.infer(List.of(input), List.of("label"), pool).get().get("label");
        assertThat(label.shape()).containsExactly(1);
        assertThat(ByteBuffer.wrap(label.raw()).order(ByteOrder.LITTLE_ENDIAN).getLong())
            .isZero(); // setosa
      }
      assertThat(pooled.get()).isLessThan(calls / 2);
    }
  }
}
