package io.fathom.controlplane.mlflow.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.mlflow.artifacts.ArtifactPath;
import io.fathom.controlplane.mlflow.artifacts.ArtifactStore;
import io.fathom.controlplane.mlflow.models.MlModel.ExampleInfo;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a logged model's files: its MLmodel (flavors → kind, signature → schema), its input example
 * (as a V2 request) and the total size. A missing or unusable MLmodel, or a flavor's model file
 * that is not there, gives {@code UPLOAD_FAILED} with the reason; never half a ready model.
 */
@Singleton
public class ModelInspector {
  private static final Logger LOG = LoggerFactory.getLogger(ModelInspector.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 16 * 1024 * 1024;

  /** What the files say; {@code status} is READY or UPLOAD_FAILED. */
  public record Inspection(
      LoggedModelStatus status,
      @Nullable String message,
      ModelKind kind,
      @Nullable String flavors,
      @Nullable String schemaInput,
      @Nullable String schemaOutput,
      @Nullable String inputExample,
      long modelSize) {

    static Inspection failed(String message, long size) {
      return new Inspection(
          LoggedModelStatus.UPLOAD_FAILED,
          message,
          ModelKind.UNKNOWN,
          null,
          null,
          null,
          null,
          size);
    }
  }

  private final ArtifactStore store;

  public ModelInspector(ArtifactStore store) {
    this.store = store;
  }

  public Inspection inspect(UUID projectId, ArtifactPath directory) {
    long size = store.totalSize(projectId, directory);
    Optional<String> text;
    try {
      text = read(projectId, directory.resolve("MLmodel"));
    } catch (MlModelException e) {
      return Inspection.failed(e.getMessage(), size);
    }
    if (text.isEmpty()) {
      return Inspection.failed("The model has no MLmodel file at " + directory + "/MLmodel", size);
    }
    MlModel model;
    try {
      model = MlModelParser.parse(text.get());
    } catch (MlModelException e) {
      return Inspection.failed(e.getMessage(), size);
    }
    String missing = missingModelFile(projectId, directory, model);
    if (missing != null) {
      return Inspection.failed(missing, size);
    }
    String example = null;
    String message = null;
    if (model.inputExample() != null) {
      try {
        example = example(projectId, directory, model, model.inputExample());
      } catch (MlModelException e) {
        message = "The input example was not used: " + e.getMessage();
        LOG.info("Logged model in {}: {}", directory, message);
      }
    }
    return new Inspection(
        LoggedModelStatus.READY,
        message,
        model.kind(),
        json(model.flavors()),
        json(model.inputs().stream().map(SchemaField::view).toList()),
        json(model.outputs().stream().map(SchemaField::view).toList()),
        example,
        size);
  }

  /** The ONNX flavor names its model file ({@code data}); it has to have been uploaded. */
  private String missingModelFile(UUID projectId, ArtifactPath directory, MlModel model) {
    Optional<Object> data = model.onnx().map(onnx -> onnx.get("data"));
    if (data.isEmpty() || data.get() == null) {
      return model.onnx().isPresent() ? "The onnx flavor in MLmodel names no 'data' file" : null;
    }
    ArtifactPath file = directory.resolve(String.valueOf(data.get()));
    boolean present =
        store.list(projectId, directory.resolve(parentOf(String.valueOf(data.get())))).stream()
            .anyMatch(e -> !e.directory() && e.name().equals(file.name()));
    return present ? null : "The ONNX model file '" + data.get() + "' named in MLmodel is missing";
  }

  private static String parentOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  private String example(UUID projectId, ArtifactPath dir, MlModel model, ExampleInfo info) {
    String text =
        read(projectId, dir.resolve(info.artifactPath()))
            .orElseThrow(
                () -> new MlModelException("the file " + info.artifactPath() + " is missing"));
    return json(InputExamples.toV2(model, info, text));
  }

  private Optional<String> read(UUID projectId, ArtifactPath path) {
    Optional<InputStream> in;
    try {
      in = store.open(projectId, path);
    } catch (RuntimeException e) {
      throw new MlModelException("'" + path.name() + "' cannot be read");
    }
    if (in.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream stream = in.get()) {
      byte[] bytes = stream.readNBytes(MAX_TEXT + 1);
      if (bytes.length > MAX_TEXT) {
        throw new MlModelException("'" + path.name() + "' is larger than 16 MiB");
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses JSON text stored by {@link #json}; null stays null. */
  @SuppressWarnings("unchecked")
  public static <T> T parse(@Nullable String json, Class<?> type) {
    if (json == null) {
      return null;
    }
    try {
      return (T) JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
