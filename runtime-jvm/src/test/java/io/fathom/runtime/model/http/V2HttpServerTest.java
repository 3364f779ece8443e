package io.fathom.runtime.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.model.v2.V2Handler;
import io.fathom.runtime.model.v2.V2Replies;
import io.fathom.runtime.model.v2.V2Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model server's HTTP layer over real loopback sockets, with a fake handler in place of the V2
 * routes: pipelined requests answered in order, keep-alive, {@code Connection: close}, HEAD, the
 * body limit and malformed requests.
 */
class V2HttpServerTest {
  private static final long LIMIT = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final CompletableFuture<V2Reply> slow = new CompletableFuture<>();
  private V2HttpServer server;

  /** {@code /slow} answers when the test completes {@link #slow}; every other path at once. */
  private final V2Handler fake =
      (request, connection) -> {
        handled.add(request.method() + " " + request.path() + " " + request.body().length);
        if (request.path().equals("/slow")) {
          return slow;
        }
        return CompletableFuture.completedFuture(
            V2Replies.json(200, JSON.createObjectNode().put("path", request.path())));
      };

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Socket connect() throws IOException {
    server = server == null ? V2HttpServer.start(0, fake, LIMIT) : server;
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void pipelinedRequests_areAnsweredInTheirOrder_evenWhenTheSecondIsReadyFirst() throws Exception {
    try (Socket socket = connect()) {
      send(socket, get("/slow") + get("/fast"));
      awaitHandled(2);
      // The second is answered already; nothing may be written before the first.
      Thread.sleep(200);
      assertThat(socket.getInputStream().available()).isZero();
      slow.complete(V2Replies.error(503, "slow one"));
      Response first = Response.read(socket.getInputStream());
      Response second = Response.read(socket.getInputStream());
      assertThat(first.status()).isEqualTo(503);
      assertThat(first.body()).contains("slow one");
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).contains("/fast");
    }
  }

  @Test
  void keepAlive_servesManyRequestsOnOneConnection() throws Exception {
    try (Socket socket = connect()) {
      for (int i = 0; i < 5; i++) {
        send(socket, get("/n" + i));
        Response r = Response.read(socket.getInputStream());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("/n" + i);
      }
    }
    assertThat(handled).hasSize(5);
  }

  @Test
  void connectionClose_closesAfterTheReply() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      Response r = Response.read(socket.getInputStream());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers()).containsEntry("connection", "close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void head_sendsTheLengthWithoutTheBody() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n" + get("/after"));
      Response head = Response.readHeadersOnly(socket.getInputStream());
      assertThat(head.status()).isEqualTo(200);
      assertThat(Integer.parseInt(head.headers().get("content-length"))).isPositive();
      // The next reply starts right after HEAD's headers: no body was sent.
      Response after = Response.read(socket.getInputStream());
      assertThat(after.body()).contains("/after");
    }
  }

  @Test
  void bodyOverTheLimit_is413WithTheV2ErrorShape_andIsNeverHandled() throws Exception {
    try (Socket socket = connect()) {
      byte[] body = new byte[(int) LIMIT + 1];
      send(
          socket,
          "POST /v2/models/default/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n");
      Response r = Response.read(socket.getInputStream());
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.headers()).containsEntry("content-type", "application/json");
      assertThat(r.body())
          .startsWith("{\"error\":")
          .contains("larger than 1024 bytes (FATHOM_MAX_BODY_BYTES)");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void chunkedBodyOverTheLimit_is413Too() throws Exception {
    try (Socket socket = connect()) {
      String chunk = "a".repeat(600);
      send(
          socket,
          "POST /v2/models/default/infer HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(chunk.length())
              + "\r\n"
              + chunk
              + "\r\n"
              + Integer.toHexString(chunk.length())
              + "\r\n"
              + chunk
              + "\r\n0\r\n\r\n");
      assertThat(Response.read(socket.getInputStream()).status()).isEqualTo(413);
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void bodyAtTheLimit_isHandled() throws Exception {
    try (Socket socket = connect()) {
      String body = "b".repeat((int) LIMIT);
      send(socket, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: " + LIMIT + "\r\n\r\n" + body);
      assertThat(Response.read(socket.getInputStream()).status()).isEqualTo(200);
    }
    assertThat(handled).containsExactly("POST /p " + LIMIT);
  }

  @Test
  void malformedRequest_is400_andTheConnectionCloses() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: not-a-number\r\n\r\n");
      Response r = Response.read(socket.getInputStream());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).startsWith("{\"error\":\"malformed HTTP request");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void queryString_isNotPartOfThePath() throws Exception {
    try (Socket socket = connect()) {
      send(socket, get("/q?x=1"));
      assertThat(Response.read(socket.getInputStream()).body()).contains("\"/q\"");
    }
  }

  private void awaitHandled(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handled.size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(handled).hasSize(n);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  private static void send(Socket socket, String raw) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** A response read off the socket: status, lower-cased headers, body. */
  record Response(int status, Map<String, String> headers, String body) {
    static Response read(InputStream in) throws IOException {
      Response head = readHeadersOnly(in);
      int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    static Response readHeadersOnly(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new java.util.HashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      return new Response(status, headers, "");
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b == -1) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
