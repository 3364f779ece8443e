package io.fathom.runtime.model;

import io.fathom.runtime.host.JsonLog;
import java.io.PrintStream;
import java.util.Map;

/**
 * Starts the model server: {@code java -cp <runtime-jvm>:<lib/*>:<model-lib/*>
 * io.fathom.runtime.model.ModelServerMain}, configured by the environment ({@link
 * ModelServerConfig}; docs/model-server.md).
 *
 * <p>Exit status 1 when it cannot start or load the model ({@code fathom-model-server: <cause>} on
 * stderr, including the CUDA provider's own error when CUDA cannot load and CPU fallback is not
 * allowed).
 */
public final class ModelServerMain {
  private ModelServerMain() {}

  public static void main(String[] args) {
    int status = run(System.getenv(), JsonLog.stdout(), System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Starts the server and loads the model; 0 once ready, 1 (after printing why) otherwise. */
  static int run(Map<String, String> env, JsonLog log, PrintStream err) {
    ModelServer server = null;
    try {
      ModelServerConfig config = ModelServerConfig.from(env);
      server = ModelServer.start(config, log);
      server.load(server.fetch());
      ModelServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "fathom-stop"));
      return 0;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.host().error("the model server cannot start: " + e.getMessage());
      err.println("fathom-model-server: " + e.getMessage());
      err.flush();
      if (server != null) {
        server.close();
      }
      return 1;
    }
  }
}
