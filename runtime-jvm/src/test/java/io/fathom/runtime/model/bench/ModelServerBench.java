package io.fathom.runtime.model.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.fathom.runtime.model.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of the model server (docs/benchmarks.md, "Model server"): V2 JSON and binary requests
 * over HTTP against ONNX Runtime called in-process on the same model (the Iris classifier or the
 * mlp test model, one row per request), at several concurrencies, with dynamic batching off and on.
 * The server is {@code ModelServerMain} in its own JVM, as deployed; the in-process baseline runs
 * in this one, and the HTTP load comes from {@code wrk} (one thread, keep-alive, loopback), so the
 * client costs as little CPU as a client can on the server's cores. Each point runs {@code seconds}
 * (after a warmup of the same length) {@code runs} times; the median is printed as a Markdown
 * table. Run by bench/model-server.sh.
 *
 * <p>Usage: {@code ModelServerBench [seconds] [runs] [threads] [iris|mlp]} (threads: ONNX Runtime
 * intra-op threads, for the server and the in-process session alike).
 */
public final class ModelServerBench {
  private static final int[] CONCURRENCY = {1, 8, 32};

  /** A benchmark model: its test model directory, input name and row width. */
  private record Subject(String model, String input, int width, String description) {
    float[] row() {
      float[] row = new float[width];
      for (int i = 0; i < width; i++) {
        row[i] = width == 4 ? new float[] {5.1f, 3.5f, 1.4f, 0.2f}[i] : (float) Math.sin(i);
      }
      return row;
    }
  }

  private static final Map<String, Subject> SUBJECTS =
      Map.of(
          "iris",
          new Subject("iris", "float_input", 4, "iris (float_input FP32 [1,4] -> label INT64 [1])"),
          "mlp",
          new Subject(
              "mlp", "x", 256, "mlp (x FP32 [1,256] -> y FP32 [1,10], 3 dense layers, 5 MB)"));

  private ModelServerBench() {}

  /** One in-process request. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Subject subject = SUBJECTS.get(args.length > 3 ? args[3] : "iris");
    if (subject == null) {
      throw new IllegalArgumentException("model must be one of " + SUBJECTS.keySet());
    }
    float[] row = subject.row();
    var model = TestModels.model(subject.model());
    System.out.printf(
        "model: %s; %d CPUs; ONNX Runtime intra-op threads %d; %.0f s per point, median of %d%n%n",
        subject.description(), Runtime.getRuntime().availableProcessors(), threads, seconds, runs);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    OrtSession session = env.createSession(model.resolve("model.onnx").toString(), options);
    Call inProcess =
        () -> {
          try (OnnxTensor x =
                  OnnxTensor.createTensor(env, FloatBuffer.wrap(row), new long[] {1, row.length});
              OrtSession.Result r = session.run(Map.of(subject.input(), x))) {
            if (r.size() != 1) {
              throw new IllegalStateException("no output");
            }
          }
        };

    List<String[]> rows = new ArrayList<>();
    double[] inProcessRate = new double[CONCURRENCY.length];
    for (int i = 0; i < CONCURRENCY.length; i++) {
      inProcessRate[i] = measure(inProcess, CONCURRENCY[i], seconds, runs);
      rows.add(row("in-process ONNX Runtime", "-", CONCURRENCY[i], inProcessRate[i], 1.0));
    }
    Path work = Files.createTempDirectory("fathom-model-bench");
    double floor = 0;
    for (boolean batching : new boolean[] {false, true}) {
      int port;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.fathom.runtime.model.ModelServerMain")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment()
          .putAll(
              Map.of(
                  "PORT",
                  Integer.toString(port),
                  "FATHOM_MODEL_DIR",
                  model.toString(),
                  "FATHOM_ONNX_INTRA_OP_THREADS",
                  Integer.toString(threads),
                  "FATHOM_BATCH_MAX_SIZE",
                  batching ? "64" : "0",
                  "FATHOM_BATCH_MAX_DELAY_MS",
                  "2"));
      Process server = pb.start();
      try {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        awaitReady(http, base, server);
        String url = base + "/v2/models/default/infer";
        Path json =
            wrkScript(work, "json", "application/json", null, jsonBody(subject.input(), row));
        byte[] header = binaryHeader(subject.input(), row);
        Path binary =
            wrkScript(
                work, "binary", "application/octet-stream", header.length, binaryBody(header, row));
        for (int i = 0; i < CONCURRENCY.length; i++) {
          double rate = wrk(json, url, CONCURRENCY[i], seconds, runs);
          rows.add(
              row(
                  "V2 JSON over HTTP",
                  batching ? "on" : "off",
                  CONCURRENCY[i],
                  rate,
                  rate / inProcessRate[i]));
          rate = wrk(binary, url, CONCURRENCY[i], seconds, runs);
          rows.add(
              row(
                  "V2 binary over HTTP",
                  batching ? "on" : "off",
                  CONCURRENCY[i],
                  rate,
                  rate / inProcessRate[i]));
        }
        if (!batching) {
          // What HTTP alone costs here: wrk, loopback and the server's HTTP layer, no model.
          floor = wrk(null, base + "/v2/health/live", 8, seconds, runs);
        }
        if (batching) {
          String stats =
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/v2/models/stats")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          System.out.println("batching: " + stats + "\n");
        }
      } finally {
        server.destroy();
        server.waitFor();
      }
    }
    System.out.println(
        "| path | dynamic batching | concurrency | requests/s (median) | vs in-process at the same concurrency |");
    System.out.println("|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    System.out.printf(
        "%nin-process single-request throughput (concurrency 1): %.0f requests/s%n",
        inProcessRate[0]);
    System.out.printf(
        "HTTP floor (GET /v2/health/live, concurrency 8, no model): %.0f requests/s, %.1f µs of"
            + " the machine's CPU per request%n",
        floor, Runtime.getRuntime().availableProcessors() * 1e6 / floor);
    System.out.printf(
        "in-process ONNX Runtime at concurrency 8: %.1f µs of the machine's CPU per inference%n",
        Runtime.getRuntime().availableProcessors() * 1e6 / inProcessRate[1]);
    session.close();
  }

  /** Waits for the server process's {@code /v2/health/ready}. */
  private static void awaitReady(HttpClient http, String base, Process server) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/v2/health/ready")).build();
    for (int i = 0; i < 600; i++) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the model server exited with " + server.exitValue());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the model server did not become ready in 60 s");
  }

  private static String[] row(String path, String batching, int c, double rate, double ratio) {
    return new String[] {
      path,
      batching,
      Integer.toString(c),
      String.format("%.0f", rate),
      String.format("%.0f %%", ratio * 100)
    };
  }

  private static byte[] jsonBody(String input, float[] row) {
    StringBuilder data = new StringBuilder();
    for (float f : row) {
      data.append(data.length() == 0 ? "" : ",").append(f);
    }
    return ("{\"inputs\":[{\"name\":\""
            + input
            + "\",\"shape\":[1,"
            + row.length
            + "],\"datatype\":\"FP32\",\"data\":["
            + data
            + "]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binaryHeader(String input, float[] row) {
    return ("{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\""
            + input
            + "\",\"shape\":[1,"
            + row.length
            + "],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":"
            + row.length * 4
            + "}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binaryBody(byte[] header, float[] row) {
    ByteBuffer body =
        ByteBuffer.allocate(header.length + row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.put(header);
    for (float f : row) {
      body.putFloat(f);
    }
    return body.array();
  }

  /**
   * A wrk script that POSTs {@code body} (kept in a file next to it: Lua strings hold any bytes);
   * {@code headerLength} is the binary extension's JSON header length, or null.
   */
  private static Path wrkScript(
      Path dir, String name, String contentType, Integer headerLength, byte[] body)
      throws Exception {
    Path bodyFile = dir.resolve(name + ".body");
    Files.write(bodyFile, body);
    String script =
        "local f = io.open(\""
            + bodyFile
            + "\", \"rb\")\n"
            + "wrk.method = \"POST\"\n"
            + "wrk.body = f:read(\"*a\")\n"
            + "f:close()\n"
            + "wrk.headers[\"Content-Type\"] = \""
            + contentType
            + "\"\n"
            + (headerLength == null
                ? ""
                : "wrk.headers[\"Inference-Header-Content-Length\"] = \"" + headerLength + "\"\n");
    Path file = dir.resolve(name + ".lua");
    Files.writeString(file, script);
    return file;
  }

  /** Median requests per second of {@code runs} wrk runs, after one warmup run. */
  private static double wrk(Path script, String url, int concurrency, double seconds, int runs)
      throws Exception {
    wrkOnce(script, url, concurrency, seconds);
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      rates[i] = wrkOnce(script, url, concurrency, seconds);
    }
    Arrays.sort(rates);
    return rates[runs / 2];
  }

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

  /**
   * One wrk run's requests per second ({@code script} null: plain GETs); any non-2xx answer or
   * socket error fails the bench.
   */
  private static double wrkOnce(Path script, String url, int concurrency, double seconds)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk", "-t1", "-c" + concurrency, "-d" + Math.max(1, Math.round(seconds)) + "s"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0 || out.contains("Non-2xx") || out.contains("Socket errors")) {
      throw new IllegalStateException("wrk failed or saw errors:\n" + out);
    }
    Matcher m = RATE.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no Requests/sec in wrk's output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /** Median requests per second over {@code runs}, after one warmup run. */
  private static double measure(Call call, int concurrency, double seconds, int runs)
      throws Exception {
    once(call, concurrency, seconds);
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      rates[i] = once(call, concurrency, seconds);
    }
    Arrays.sort(rates);
    return rates[runs / 2];
  }

  private static double once(Call call, int concurrency, double seconds) throws Exception {
    LongAdder done = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    Exception[] failure = new Exception[1];
    long[] window = new long[2];
    for (int t = 0; t < concurrency; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      long end = window[1];
                      while (System.nanoTime() < end) {
                        call.run();
                        done.increment();
                      }
                    } catch (Exception e) {
                      failure[0] = e;
                    }
                  }));
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + (long) (seconds * 1e9);
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    return done.sum() / elapsed;
  }
}
