package io.fathom.runtime.model;

import io.fathom.runtime.host.JsonLog;
import io.fathom.runtime.model.ModelServerConfig.ModelSource;
import io.fathom.runtime.model.http.V2HttpServer;
import io.fathom.runtime.model.infer.ServedModel;
import io.fathom.runtime.model.mlflow.MlflowModel;
import io.fathom.runtime.model.mlflow.MlflowModelReader;
import io.fathom.runtime.model.source.ArtifactDownloader;
import io.fathom.runtime.model.v2.V2Routes;
import io.fathom.runtime.sdk.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running model server: the V2 endpoint ({@link V2HttpServer}, Netty) in front of one {@link
 * ServedModel}. Slow models run on a pool of one platform thread per CPU (ONNX Runtime's native
 * calls would pin virtual threads, and more runs at once than CPUs only queue inside the runtime);
 * see {@link ServedModel#infer} for which runs stay on the connection's thread. The endpoint is up
 * while the model loads (health is live, ready is 503), so the platform sees the deployment start.
 */
public final class ModelServer implements AutoCloseable {
  private final ModelServerConfig config;
  private final Logger log;
  private final V2HttpServer http;
  private final ExecutorService inference;
  private final AtomicReference<ServedModel> model;

  private ModelServer(
      ModelServerConfig config,
      Logger log,
      AtomicReference<ServedModel> model,
      V2HttpServer http,
      ExecutorService inference) {
    this.config = config;
    this.log = log;
    this.model = model;
    this.http = http;
    this.inference = inference;
  }

  /** Starts the endpoint, with the model still LOADING. */
  public static ModelServer start(ModelServerConfig config, JsonLog log) {
    AtomicReference<ServedModel> model = new AtomicReference<>(new ServedModel(config.modelName()));
    ExecutorService inference =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().daemon().name("fathom-infer-", 0).factory());
    V2Routes routes = new V2Routes(model::get, config.session().device(), inference, log.host());
    V2HttpServer http;
    try {
      http = V2HttpServer.start(config.port(), routes, config.maxBodyBytes());
    } catch (RuntimeException e) {
      inference.shutdownNow();
      throw e;
    }
    ModelServer server = new ModelServer(config, log.host(), model, http, inference);
    server.log.info(
        "model server listening on port "
            + server.port()
            + " for model '"
            + config.modelName()
            + "' ("
            + config.session().device().provider()
            + ")");
    return server;
  }

  public int port() {
    return http.port();
  }

  public ServedModel model() {
    return model.get();
  }

  /** Fetches the model directory (downloading it when the source is the artifact proxy). */
  public Path fetch() throws IOException {
    return switch (config.source()) {
      case ModelSource.Local local -> {
        if (!Files.isDirectory(local.directory())) {
          throw new IOException("FATHOM_MODEL_DIR " + local.directory() + " is not a directory");
        }
        yield local.directory();
      }
      case ModelSource.Artifact artifact -> {
        Path dir = Files.createTempDirectory("fathom-model-");
        long started = System.nanoTime();
        int files =
            new ArtifactDownloader(artifact.authorization(), artifact.projectId())
                .download(artifact.uri(), dir);
        log.info(
            "downloaded "
                + files
                + " model files from "
                + artifact.uri()
                + " in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
        yield dir;
      }
    };
  }

  /** Reads, opens and warms up the model in {@code directory}; READY on return. */
  public void load(Path directory) {
    MlflowModel mlflow = MlflowModelReader.read(directory);
    model.get().load(mlflow, config.session(), config.batch(), log);
  }

  /**
   * Serves another model under the same endpoint (the conformance suite loads one test case after
   * another); closes the previous one.
   */
  public ServedModel replace(String name) {
    ServedModel previous = model.getAndSet(new ServedModel(name));
    previous.close();
    return model.get();
  }

  @Override
  public void close() {
    http.close();
    inference.shutdownNow();
    model.get().close();
  }
}
