package io.fathom.runtime.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fathom.runtime.sdk.Logger;
import java.io.IOException;

/**
 * The host's only HTTP handler: {@code GET /_/health}, {@code GET /_/ready}, {@code POST /invoke};
 * anything else is 404. Paths match exactly.
 */
final class Routes implements HttpHandler {
  private final CallGate gate;
  private final InvokeHandler invoke;
  private final Logger log;

  Routes(CallGate gate, InvokeHandler invoke, Logger log) {
    this.gate = gate;
    this.invoke = invoke;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      log.error("internal error on " + exchange.getRequestURI().getPath() + ": " + e);
      try {
        HttpReplies.error(exchange, 500, "internal-error", "the host failed; see its log");
      } catch (IOException | RuntimeException ignored) {
        // The response had started: the client sees a broken response.
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/invoke" -> invoke.handle(exchange);
      case "/_/health" -> {
        if (probeMethod(exchange)) {
          HttpReplies.status(exchange, 200, "ok");
        }
      }
      case "/_/ready" -> {
        if (probeMethod(exchange)) {
          HostState state = gate.state();
          HttpReplies.status(exchange, state == HostState.READY ? 200 : 503, state.label());
        }
      }
      default ->
          HttpReplies.error(
              exchange,
              404,
              "not-found",
              "no route for "
                  + path
                  + "; the host serves POST /invoke, GET /_/health, GET /_/ready");
    }
  }

  private static boolean probeMethod(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    HttpReplies.methodNotAllowed(exchange, "GET");
    return false;
  }
}
