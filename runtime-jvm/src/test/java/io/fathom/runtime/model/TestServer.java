package io.fathom.runtime.model;

import io.fathom.runtime.host.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A model server started in-process on a free port, its log captured, and a client for it. */
public final class TestServer implements AutoCloseable {
  final ModelServer server;
  final V2Client client;
  private final ByteArrayOutputStream log;

  private TestServer(ModelServer server, ByteArrayOutputStream log) {
    this.server = server;
    this.client = new V2Client(server.port());
    this.log = log;
  }

  /** Starts a server for test model {@code model} and loads it (READY on return). */
  public static TestServer load(String model, Map<String, String> env) {
    TestServer t = start(model, env);
    try {
      t.server.load(t.server.fetch());
    } catch (Exception e) {
      t.close();
      throw new AssertionError("loading " + model + " failed: " + e.getMessage(), e);
    }
    return t;
  }

  public static TestServer load(String model) {
    return load(model, Map.of());
  }

  /** Starts a server for test model {@code model} without loading it. */
  public static TestServer start(String model, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("PORT", "0");
    all.put("FATHOM_MODEL_DIR", TestModels.model(model).toString());
    all.put("FATHOM_ONNX_INTRA_OP_THREADS", "2");
    all.putAll(env);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    JsonLog json =
        new JsonLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return new TestServer(ModelServer.start(ModelServerConfig.from(all), json), log);
  }

  public String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}
