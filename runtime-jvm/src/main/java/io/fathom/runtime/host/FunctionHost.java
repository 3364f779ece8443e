package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fathom.runtime.sdk.Function;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running function host: the HTTP server (JDK {@code HttpServer}, a virtual thread per request)
 * wired to one {@link Function}. {@link #start} binds the port and answers {@code /_/ready} with
 * 503 starting; {@link #init()} runs the function's {@code init} and turns the host ready.
 */
public final class FunctionHost implements AutoCloseable {
  private final HostConfig config;
  private final Function function;
  private final JsonLog log;
  private final CallGate gate;
  private final Stopper stopper;
  private final HttpServer server;
  private final ExecutorService requests;

  private FunctionHost(
      HostConfig config, Function function, JsonLog log, ExitAction exit, HttpServer server) {
    this.config = config;
    this.function = function;
    this.log = log;
    this.gate = new CallGate();
    this.stopper = new Stopper(gate, config.drain(), log.host(), exit);
    this.server = server;
    this.requests = Executors.newVirtualThreadPerTaskExecutor();
  }

  /**
   * Loads the schemas, binds {@code PORT} on all interfaces and starts answering; the host is
   * {@link HostState#STARTING} until {@link #init()}. {@code exit} ends the process when the host
   * stops (tests pass one that records the status).
   */
  public static FunctionHost start(
      HostConfig config, Function function, JsonLog log, ExitAction exit) {
    SchemaCheck input = SchemaCheck.load("FATHOM_INPUT_SCHEMA_FILE", config.inputSchema());
    SchemaCheck output = SchemaCheck.load("FATHOM_OUTPUT_SCHEMA_FILE", config.outputSchema());
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.port()), 128);
    } catch (IOException e) {
      throw new StartupException(
          "cannot listen on PORT " + config.port() + ": " + e.getMessage(), e);
    }
    FunctionHost host = new FunctionHost(config, function, log, exit, server);
    CallRunner runner =
        new CallRunner(
            function,
            config.workers(),
            config.stopGrace(),
            host.stopper::stuck,
            new ObjectMapper());
    InvokeHandler invoke = new InvokeHandler(config, host.gate, runner, input, output, log);
    server.createContext("/", new Routes(host.gate, invoke, log.host()));
    server.setExecutor(host.requests);
    server.start();
    log.host()
        .info(
            "listening on port "
                + host.port()
                + " for "
                + config.functionClass()
                + " (workers "
                + config.workers()
                + ", timeout "
                + config.timeout().toSeconds()
                + " s)");
    return host;
  }

  /** Runs the function's {@code init}, then turns ready; a failing init is a start-up error. */
  public void init() {
    try {
      function.init(CallContext.forInit(config, log));
    } catch (Exception | LinkageError e) {
      throw new StartupException(
          "init of " + config.functionClass() + " failed: " + FunctionLoader.describe(e), e);
    }
    gate.ready();
    log.host().info("ready");
  }

  /** The port the host listens on (the real one when {@code PORT} was 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public HostState state() {
    return gate.state();
  }

  /**
   * SIGTERM: stop taking calls, wait for those in flight up to {@code FATHOM_DRAIN_SECONDS}, then
   * exit 0 through the {@link ExitAction}. Blocks until then.
   */
  public void terminate() {
    stopper.terminate();
  }

  /** Stops the HTTP server at once (tests; the process normally ends through the exit action). */
  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
  }
}
