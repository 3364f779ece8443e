package io.fathom.runtime.model;

import com.sun.net.httpserver.HttpServer;
import io.fathom.runtime.host.JsonLog;
import io.fathom.runtime.model.ModelServerConfig.ModelSource;
import io.fathom.runtime.model.infer.ServedModel;
import io.fathom.runtime.model.mlflow.MlflowModel;
import io.fathom.runtime.model.mlflow.MlflowModelReader;
import io.fathom.runtime.model.source.ArtifactDownloader;
import io.fathom.runtime.model.v2.V2Routes;
import io.fathom.runtime.sdk.Logger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running model server: the V2 endpoint (JDK {@code HttpServer}, a platform thread per request
 * from a pool, since ONNX Runtime's native calls would pin virtual threads) in front of one {@link
 * ServedModel}. The endpoint is up while the model loads (health is live, ready is 503), so the
 * platform sees the deployment start.
 */
public final class ModelServer implements AutoCloseable {
  private final ModelServerConfig config;
  private final Logger log;
  private final HttpServer http;
  private final ExecutorService requests;
  private final AtomicReference<ServedModel> model;

  private ModelServer(
      ModelServerConfig config, Logger log, HttpServer http, ExecutorService requests) {
    this.config = config;
    this.log = log;
    this.http = http;
    this.requests = requests;
    this.model = new AtomicReference<>(new ServedModel(config.modelName()));
  }

  /**
   * The JDK server reads this once, when its first server starts: without it, small responses wait
   * for the client's delayed ACK (Nagle), milliseconds per request.
   */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  /** Starts the endpoint, with the model still LOADING. */
  public static ModelServer start(ModelServerConfig config, JsonLog log) {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.port()), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + config.port(), e);
    }
    int threads = Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
    ExecutorService requests =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("fathom-v2-", 0).factory());
    ModelServer server = new ModelServer(config, log.host(), http, requests);
    http.createContext(
        "/",
        new V2Routes(
            server.model::get, config.session().device(), config.maxBodyBytes(), server.log));
    http.setExecutor(requests);
    http.start();
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
    return http.getAddress().getPort();
  }

  public ServedModel model() {
    return model.get();
  }

  /** Fetches the model directory (downloading it when the source is the artifact proxy). */
  public Path fetch() throws IOException, InterruptedException {
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
    http.stop(0);
    requests.shutdownNow();
    model.get().close();
  }
}
