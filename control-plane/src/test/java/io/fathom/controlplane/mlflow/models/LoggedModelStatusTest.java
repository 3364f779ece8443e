package io.fathom.controlplane.mlflow.models;

import static io.fathom.controlplane.mlflow.models.LoggedModelStatus.PENDING;
import static io.fathom.controlplane.mlflow.models.LoggedModelStatus.READY;
import static io.fathom.controlplane.mlflow.models.LoggedModelStatus.UPLOAD_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoggedModelStatusTest {

  @Test
  void transitions() {
    assertThat(PENDING.canMoveTo(READY)).isTrue();
    assertThat(PENDING.canMoveTo(UPLOAD_FAILED)).isTrue();
    assertThat(PENDING.canMoveTo(PENDING)).isFalse();
    assertThat(UPLOAD_FAILED.canMoveTo(READY)).isTrue();
    assertThat(UPLOAD_FAILED.canMoveTo(UPLOAD_FAILED)).isTrue();
    assertThat(UPLOAD_FAILED.canMoveTo(PENDING)).isFalse();
    assertThat(READY.canMoveTo(READY)).isTrue();
    assertThat(READY.canMoveTo(UPLOAD_FAILED)).isFalse();
    assertThat(READY.canMoveTo(PENDING)).isFalse();
  }

  @Test
  void names() {
    assertThat(LoggedModelStatus.fromMlflow("LOGGED_MODEL_READY")).isEqualTo(READY);
    assertThat(UPLOAD_FAILED.wire()).isEqualTo("upload-failed");
    assertThatThrownBy(() -> LoggedModelStatus.fromMlflow("READY"))
        .isInstanceOf(MlflowException.class)
        .hasMessageContaining(
            "LOGGED_MODEL_PENDING, LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED");
  }

  @Test
  void ids_bothFormsParseToTheSameId() {
    LoggedModelId id = LoggedModelId.random();
    assertThat(id.mlflow()).matches("m-[0-9a-f]{32}");
    assertThat(LoggedModelId.parse(id.mlflow())).contains(id);
    assertThat(LoggedModelId.parse(id.uuid().toString())).contains(id);
    assertThat(LoggedModelId.parse("m-XYZ")).isEmpty();
    assertThat(LoggedModelId.parse("m-" + UUID.randomUUID())).isEmpty();
    assertThat(LoggedModelId.parse(null)).isEmpty();
  }
}
