package io.fathom.controlplane.mlflow.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.config.FathomHome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest {
  @TempDir Path home;

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void putOpenListDelete_withinOneProject() throws IOException {
    var store = new FileSystemArtifactStore(new FathomHome(home.toString()));
    UUID project = UUID.randomUUID();
    ArtifactPath file = ArtifactPath.parse("1/run/artifacts/model/MLmodel");

    assertThat(store.put(project, file, text("flavors: {}"), 100)).isEqualTo(11);
    store.put(project, ArtifactPath.parse("1/run/artifacts/model/model.onnx"), text("123"), 100);

    assertThat(
            Files.exists(home.resolve("artifacts/" + project + "/1/run/artifacts/model/MLmodel")))
        .isTrue();
    try (InputStream in = store.open(project, file).orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("flavors: {}");
    }
    assertThat(store.list(project, ArtifactPath.parse("1/run/artifacts")))
        .containsExactly(new ArtifactStore.Entry("model", true, 0));
    assertThat(store.list(project, ArtifactPath.parse("1/run/artifacts/model")))
        .containsExactly(
            new ArtifactStore.Entry("MLmodel", false, 11),
            new ArtifactStore.Entry("model.onnx", false, 3));
    assertThat(store.totalSize(project, ArtifactPath.parse("1"))).isEqualTo(14);

    UUID other = UUID.randomUUID();
    assertThat(store.open(other, file)).isEmpty();
    assertThat(store.list(other, ArtifactPath.parse("1"))).isEmpty();
    assertThat(store.delete(other, file)).isFalse();

    assertThat(store.delete(project, ArtifactPath.parse("1/run"))).isTrue();
    assertThat(store.open(project, file)).isEmpty();
  }

  @Test
  void put_overTheLimit_storesNothing() {
    var store = new FileSystemArtifactStore(new FathomHome(home.toString()));
    UUID project = UUID.randomUUID();
    ArtifactPath file = ArtifactPath.parse("big.bin");

    assertThatThrownBy(() -> store.put(project, file, new ByteArrayInputStream(new byte[101]), 100))
        .isInstanceOf(ArtifactTooLargeException.class);
    assertThat(store.open(project, file)).isEmpty();
    assertThat(home.resolve("artifacts/.incoming").toFile().list()).isEmpty();
  }
}
