import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model deployments through the platform (issue 7), against a control plane that
 * bench/model-deploy.sh started: logs the Iris model (and the mlp) through the MLflow-compatible
 * API, then measures
 *
 * <ul>
 *   <li>cold start of a model deployment: POST …/deployments to {@code status: running} with {@code
 *       state.instance: hot} (polled every 50 ms), a new deployment each round, deleted after; the
 *       first round of this control plane also builds the model server image (its builder cache is
 *       the fresh FATHOM_HOME's), reported apart;
 *   <li>against a bare {@code docker run} of the same image with the model directory mounted until
 *       {@code GET /v2/health/ready} is 200 (polled every 50 ms as well), with the platform
 *       instance's CPU and memory limits and without;
 *   <li>inference through the platform's proxy vs directly on the instance's port, V2 JSON and
 *       binary, wrk at -c1 and -c8 (each after a warm-up of the same shape; before the first, the
 *       control plane's proxy path is warmed up for FATHOM_BENCH_PLATFORM_WARMUP seconds).
 * </ul>
 *
 * <p>Usage: java bench/ModelDeployBench.java URL TOKEN_FILE MODELS_DIR SECONDS ROUNDS WORK_DIR
 * SERVER_LOG MODELS (MODELS_DIR: what scripts/make_test_onnx_models.py wrote; MODELS: the models
 * to measure inference on, comma-separated, e.g. iris,mlp; FATHOM_BENCH_WARMUP: seconds of each
 * warm-up run, default 5; FATHOM_BENCH_PLATFORM_WARMUP: seconds of the first warm-up of the
 * platform's proxy path, default 30). The ids of its deployments and the names of its bare containers are
 * appended to WORK_DIR/cleanup ("deployment ID" or "container NAME") for the script's cleanup.
 * Prints Markdown on stdout, progress on stderr.
 */
public class ModelDeployBench {
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final String DEPLOYMENTS = "/api/intelligence/machine-learning/v1/deployments";
  static String url;
  static String token;
  static String project;
  static Path work;
  static Path serverLog;
  static int warmup = Integer.parseInt(System.getenv().getOrDefault("FATHOM_BENCH_WARMUP", "5"));
  static int platformWarmup =
      Integer.parseInt(System.getenv().getOrDefault("FATHOM_BENCH_PLATFORM_WARMUP", "30"));

  record Model(String name, String input, int width, String output) {}

  static final Model IRIS = new Model("iris", "float_input", 4, "label");
  static final Model MLP = new Model("mlp", "x", 256, "y");

  public static void main(String[] args) throws Exception {
    url = args[0];
    token = Files.readString(Path.of(args[1])).trim();
    Path models = Path.of(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    work = Path.of(args[5]);
    serverLog = Path.of(args[6]);
    List<Model> inference = new ArrayList<>();
    for (String m : args[7].split(",")) {
      inference.add(m.equals("mlp") ? MLP : IRIS);
    }
    project = field(send(request(url + "/api/platform/v1/projects?page_size=1").GET()), "id");

    String irisId = logModel(models.resolve("iris"), "iris");
    say("logged iris as " + irisId);

    // --- cold starts ---------------------------------------------------------------------------
    double[] platformMs = new double[rounds];
    double[] limited = new double[rounds];
    double[] plain = new double[rounds];
    double[][] parts = new double[3][rounds];
    String image = null;
    String[] limits = null;
    String firstProvider = "";
    for (int i = 0; i < rounds; i++) {
      java.time.Instant posted = java.time.Instant.now();
      long t0 = System.nanoTime();
      String d = create(irisId, "bench-cold-" + i);
      String view = awaitHot(d, 300);
      platformMs[i] = (System.nanoTime() - t0) / 1e6;
      double[] b = breakdown(d, posted);
      for (int k = 0; k < 3; k++) {
        parts[k][i] = b[k];
      }
      if (i == 0) {
        firstProvider = field(view, "provider");
        image = inspect(d, "{{.Config.Image}}");
        String[] v = inspect(d, "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}").split(" ");
        limits =
            new String[] {
              "--cpus=" + Long.parseLong(v[0]) / 1e9, "--memory=" + v[1], "--memory-swap=" + v[1]
            };
        say("model server image " + image + ", instance limits " + String.join(" ", limits));
      }
      delete(d);
      if (i > 0) {
        limited[i] = bareRun(image, models.resolve("iris"), "l" + i, limits);
        plain[i] = bareRun(image, models.resolve("iris"), "u" + i, new String[0]);
      }
      say(
          String.format(
              Locale.ROOT,
              "cold round %d: platform %.0f ms%s",
              i + 1,
              platformMs[i],
              i == 0
                  ? " (first: image build)"
                  : String.format(
                      Locale.ROOT,
                      ", docker run with limits %.0f ms, without %.0f ms",
                      limited[i],
                      plain[i])));
    }
    double[] later = Arrays.copyOfRange(platformMs, 1, rounds);
    double[] limitedLater = Arrays.copyOfRange(limited, 1, rounds);
    double[] plainLater = Arrays.copyOfRange(plain, 1, rounds);
    String build = buildLine();

    System.out.println();
    System.out.printf(
        "Cold start of a model deployment (Iris, serving size small; %d rounds, each a new"
            + " deployment deleted after; polled every 50 ms; provider %s):%n%n",
        rounds, firstProvider);
    System.out.println("| path | median ms | min / max ms |");
    System.out.println("|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| platform, first deployment of this control plane (builds the model server image: %s)"
            + " | %.0f | – |%n",
        build,
        platformMs[0]);
    row("platform, POST …/deployments to running + hot (image built), rounds 2–" + rounds, later);
    row(
        "bare `docker run -d` of the same image, same limits, model mounted: to /v2/health/ready"
            + " 200 (baseline)",
        limitedLater);
    row("bare `docker run -d`, no limits: to /v2/health/ready 200", plainLater);
    row(
        "platform, rounds 2–" + rounds + ": POST to the container's creation (engine's `Created`)",
        Arrays.copyOfRange(parts[0], 1, rounds));
    row(
        "platform, rounds 2–" + rounds + ": POST to the container's start (engine's `StartedAt`)",
        Arrays.copyOfRange(parts[1], 1, rounds));
    row(
        "platform, rounds 2–"
            + rounds
            + ": the model's download from the artifact proxy, inside the instance (its log)",
        Arrays.copyOfRange(parts[2], 1, rounds));
    System.out.printf(
        Locale.ROOT,
        "%nCold start, platform / bare docker run with the same limits: %.2f×; / without limits:"
            + " %.2f×%n",
        median(later) / median(limitedLater),
        median(later) / median(plainLater));

    // --- inference --------------------------------------------------------------------------------
    List<String> lines = new ArrayList<>();
    for (Model m : inference) {
      String modelId = m == IRIS ? irisId : logModel(models.resolve(m.name()), m.name());
      String d = create(modelId, "bench-infer-" + m.name());
      awaitHot(d, 300);
      int port = Integer.parseInt(inspect(d, "{{index .Config.Labels \"io.fathom.port\"}}"));
      say(m.name() + " deployment " + d + " runs on port " + port);
      String platformPath = DEPLOYMENTS + "/" + d + "/v2/models/default/infer";
      String direct = "http://127.0.0.1:" + port;
      Path json = work.resolve(m.name() + ".json");
      Files.writeString(json, jsonBody(m));
      Path bin = work.resolve(m.name() + ".bin");
      int headerLength = binaryBody(m, bin);
      check(url + platformPath, true, json, null, m);
      check(direct + "/v2/models/default/infer", false, json, null, m);
      check(url + platformPath, true, bin, headerLength, m);
      check(direct + "/v2/models/default/infer", false, bin, headerLength, m);
      if (m == inference.get(0) && platformWarmup > 0) {
        // The control plane's proxy path is JIT-compiled during its first tens of seconds of
        // traffic: without this the first rows measured its warm-up, not its steady state.
        say("warming the control plane's proxy path up for " + platformWarmup + " s");
        for (int k = 0; k < 2; k++) {
          wrkRun(url, platformPath, true, k == 0 ? json : bin, k == 0 ? null : headerLength, 2, 8, platformWarmup / 2);
        }
      }
      for (boolean binary : new boolean[] {false, true}) {
        for (int c : new int[] {1, 8}) {
          Path body = binary ? bin : json;
          Integer hl = binary ? headerLength : null;
          int threads = c == 1 ? 1 : 2;
          Wrk p = wrk(url, platformPath, true, body, hl, threads, c, seconds);
          Wrk dr = wrk(direct, "/v2/models/default/infer", false, body, hl, threads, c, seconds);
          lines.add(
              String.format(
                  Locale.ROOT,
                  "| %s [1,%d] | %s | %d | %s | %s | %+.2f ms; %.2f× | %.0f %% |",
                  m.name(),
                  m.width(),
                  binary ? "binary" : "JSON",
                  c,
                  fmt(p),
                  fmt(dr),
                  p.p50Ms - dr.p50Ms,
                  p.p50Ms / dr.p50Ms,
                  100 * p.rps / dr.rps));
        }
      }
      delete(d);
    }
    System.out.println();
    System.out.printf(
        "Inference, platform proxy (`POST …/deployments/{id}/v2/models/default/infer`, bearer"
            + " token) vs the instance's port (`/v2/models/default/infer`), one row per request, %d"
            + " s per run after a %d s warm-up of the same shape:%n%n",
        seconds, warmup);
    System.out.println(
        "| model | body | c | platform p50 / p99 (ms), req/s | direct p50 / p99 (ms), req/s |"
            + " added p50; ratio | throughput platform / direct |");
    System.out.println("|---|---|---|---|---|---|---|");
    lines.forEach(System.out::println);
  }

  static void row(String label, double[] ms) {
    System.out.printf(
        Locale.ROOT, "| %s | %.0f | %.0f / %.0f |%n", label, median(ms), min(ms), max(ms));
  }

  /**
   * ms from the POST to the container's creation and start (the engine's clock is this machine's),
   * and the model download time the model server logged.
   */
  static double[] breakdown(String d, java.time.Instant posted) throws Exception {
    String[] times = inspect(d, "{{.Created}} {{.State.StartedAt}}").split(" ");
    String id =
        new String(run("docker", "ps", "-q", "--filter", "label=io.fathom.owner=" + d), StandardCharsets.UTF_8).trim();
    Process p = new ProcessBuilder("docker", "logs", id).redirectErrorStream(true).start();
    String logs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m = Pattern.compile("downloaded \\d+ model files from \\S+ in (\\d+) ms").matcher(logs);
    return new double[] {
      Duration.between(posted, java.time.Instant.parse(times[0])).toNanos() / 1e6,
      Duration.between(posted, java.time.Instant.parse(times[1])).toNanos() / 1e6,
      m.find() ? Double.parseDouble(m.group(1)) : Double.NaN
    };
  }

  /** What the control plane's log says about the CPU model server image of the first round. */
  static String buildLine() throws IOException {
    String log = Files.readString(serverLog);
    Matcher built = Pattern.compile("model server image cpu: (\\S+) \\S+ in (\\d+) ms").matcher(log);
    boolean skipped = log.contains("containerize skipped");
    if (built.find()) {
      return (skipped ? "found in the engine, " : "built, ")
          + built.group(2)
          + " ms in the builder for "
          + "`"
          + built.group(1)
          + "`";
    }
    return "no build line in the control plane's log";
  }

  // --- V2 bodies ------------------------------------------------------------------------------------

  static float[] row(Model m) {
    float[] r = new float[m.width()];
    float[] iris = {7.0f, 3.2f, 4.7f, 1.4f};
    for (int i = 0; i < r.length; i++) {
      r[i] = m == IRIS ? iris[i] : (i % 17) / 17f;
    }
    return r;
  }

  static String jsonBody(Model m) {
    StringBuilder data = new StringBuilder();
    for (float f : row(m)) {
      data.append(data.isEmpty() ? "" : ",").append(f);
    }
    return "{\"inputs\":[{\"name\":\""
        + m.input()
        + "\",\"shape\":[1,"
        + m.width()
        + "],\"datatype\":\"FP32\",\"data\":["
        + data
        + "]}]}";
  }

  /** Writes the binary-extension body (JSON header + little-endian FP32 row); the header's length. */
  static int binaryBody(Model m, Path file) throws IOException {
    float[] r = row(m);
    byte[] header =
        ("{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\""
                + m.input()
                + "\",\"shape\":[1,"
                + r.length
                + "],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":"
                + r.length * 4
                + "}}]}")
            .getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(header.length + r.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.put(header);
    for (float f : r) {
      body.putFloat(f);
    }
    Files.write(file, body.array());
    return header.length;
  }

  /** One request on the path; fails unless it is a 200 naming the model's output. */
  static void check(String uri, boolean platform, Path body, Integer headerLength, Model m)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", headerLength == null ? "application/json" : "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofFile(body));
    if (headerLength != null) {
      r.header("Inference-Header-Content-Length", headerLength.toString());
    }
    if (platform) {
      r.header("Authorization", "Bearer " + token).header("x-projectid", project);
    }
    HttpResponse<byte[]> reply = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(reply.body(), StandardCharsets.ISO_8859_1);
    if (reply.statusCode() != 200 || !text.contains("\"" + m.output() + "\"")) {
      throw new IllegalStateException(uri + " answered " + reply.statusCode() + ": " + text);
    }
    if (headerLength != null && reply.headers().firstValue("Inference-Header-Content-Length").isEmpty()) {
      throw new IllegalStateException(uri + ": a binary answer without its header length: " + text);
    }
  }

  // --- wrk --------------------------------------------------------------------------------------------

  record Wrk(double p50Ms, double p99Ms, double rps) {}

  /** The wrk Lua script for the path: POST of the body read once from its file, the headers. */
  static Path lua(String path, boolean platform, Path body, Integer headerLength) throws IOException {
    Path script = work.resolve("infer.lua");
    StringBuilder lua = new StringBuilder();
    lua.append("local f = assert(io.open(\"").append(body).append("\", \"rb\"))\n");
    lua.append("wrk.body = f:read(\"*a\")\nf:close()\n");
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.path = \"").append(path).append("\"\n");
    if (headerLength == null) {
      lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    } else {
      lua.append("wrk.headers[\"Content-Type\"] = \"application/octet-stream\"\n");
      lua.append("wrk.headers[\"Inference-Header-Content-Length\"] = \"")
          .append(headerLength)
          .append("\"\n");
    }
    if (platform) {
      lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n");
      lua.append("wrk.headers[\"x-projectid\"] = \"").append(project).append("\"\n");
    }
    Files.writeString(script, lua.toString());
    return script;
  }

  /** One wrk run (--latency); its output. */
  static String wrkRun(
      String base,
      String path,
      boolean platform,
      Path body,
      Integer headerLength,
      int threads,
      int connections,
      int seconds)
      throws Exception {
    Path script = lua(path, platform, body, headerLength);
    return new String(
        run(
            "wrk",
            "--latency",
            "-t" + threads,
            "-c" + connections,
            "-d" + seconds + "s",
            "-s",
            script.toString(),
            base),
        StandardCharsets.UTF_8);
  }

  static Wrk wrk(
      String base,
      String path,
      boolean platform,
      Path body,
      Integer headerLength,
      int threads,
      int connections,
      int seconds)
      throws Exception {
    wrkRun(base, path, platform, body, headerLength, threads, connections, warmup);
    String out = wrkRun(base, path, platform, body, headerLength, threads, connections, seconds);
    say((platform ? "platform " : "direct ") + body.getFileName() + " -c" + connections + ":\n" + out);
    if (out.contains("Non-2xx or 3xx responses") || out.contains("Socket errors")) {
      throw new IllegalStateException("wrk saw errors:\n" + out);
    }
    return new Wrk(latency(out, "50%"), latency(out, "99%"), number(out, "Requests/sec:\\s+([0-9.]+)"));
  }

  static double latency(String out, String label) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + label + " in wrk's output:\n" + out);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "ms" -> v;
      default -> v * 1000;
    };
  }

  static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in wrk's output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  static String fmt(Wrk w) {
    return String.format(Locale.ROOT, "%.2f / %.2f, %.0f", w.p50Ms, w.p99Ms, w.rps);
  }

  // --- bare docker run ------------------------------------------------------------------------------

  /** ms from `docker run -d` of the image with the model mounted until /v2/health/ready is 200. */
  static double bareRun(String image, Path modelDir, String round, String[] options) throws Exception {
    int port = freePort();
    String name = "fathom-bench-model-" + ProcessHandle.current().pid() + "-" + round;
    Files.writeString(
        work.resolve("cleanup"), "container " + name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    long t0 = System.nanoTime();
    List<String> command =
        new ArrayList<>(
            List.of(
                "docker", "run", "-d", "--name", name, "--network", "host",
                "-v", modelDir + ":/model:ro", "-e", "FATHOM_MODEL_DIR=/model",
                "-e", "PORT=" + port));
    command.addAll(List.of(options));
    command.add(image);
    run(command.toArray(String[]::new));
    long deadline = t0 + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          double ms = (System.nanoTime() - t0) / 1e6;
          run("docker", "rm", "-f", name);
          return ms;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (System.nanoTime() > deadline) {
        String logs = new String(run("docker", "logs", name), StandardCharsets.UTF_8);
        throw new IllegalStateException(name + " never got ready:\n" + logs);
      }
      Thread.sleep(50);
    }
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  // --- control plane helpers ----------------------------------------------------------------------

  /** Logs an MLflow ONNX model directory as the MLflow 3 SDK does; returns the platform model id. */
  static String logModel(Path dir, String name) throws Exception {
    String experiment =
        field(
            expect(200, send(request(url + "/api/2.0/mlflow/experiments/create").POST(body("{\"name\":\"bench-" + name + "\"}")))),
            "experiment_id");
    String runId =
        field(
            expect(200, send(request(url + "/api/2.0/mlflow/runs/create").POST(body("{\"experiment_id\":\"" + experiment + "\",\"start_time\":1}")))),
            "run_id");
    String model =
        expect(
            200,
            send(
                request(url + "/api/2.0/mlflow/logged-models")
                    .POST(
                        body(
                            "{\"experiment_id\":\"" + experiment + "\",\"name\":\"" + name
                                + "\",\"source_run_id\":\"" + runId + "\"}"))));
    String mlflowId = field(model, "model_id");
    String artifacts =
        url + "/api/2.0/mlflow-artifacts/artifacts/" + field(model, "artifact_uri").substring("mlflow-artifacts:/".length());
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        send(
            request(artifacts + "/" + f.getFileName())
                .setHeader("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(f)));
        if (!lastStatus.startsWith("2")) {
          throw new IllegalStateException("upload of " + f + ": " + lastStatus);
        }
      }
    }
    expect(
        200,
        send(
            request(url + "/api/2.0/mlflow/logged-models/" + mlflowId)
                .method(
                    "PATCH",
                    body("{\"model_id\":\"" + mlflowId + "\",\"status\":\"LOGGED_MODEL_READY\"}"))));
    return mlflowId.substring(2).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
  }

  static String create(String modelId, String name) throws Exception {
    String d =
        field(
            expect(
                201,
                send(
                    request(url + DEPLOYMENTS)
                        .POST(
                            body(
                                "{\"model\":{\"kind\":\"logged-model\",\"modelId\":\"" + modelId
                                    + "\"},\"name\":\"" + name
                                    + "\",\"description\":\"model deployment benchmark\","
                                    + "\"serving\":{\"size\":\"small\"}}")))),
            "id");
    Files.writeString(
        work.resolve("cleanup"), "deployment " + d + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return d;
  }

  /** Polls the deployment every 50 ms until running and hot; its last view. */
  static String awaitHot(String d, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String view = "";
    while (System.nanoTime() < deadline) {
      view = send(request(url + DEPLOYMENTS + "/" + d).GET());
      if (view.contains("\"status\":\"failed\"")) {
        throw new IllegalStateException("deployment failed: " + view);
      }
      if (view.contains("\"status\":\"running\"") && view.contains("\"instance\":\"hot\"")) {
        return view;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("deployment " + d + " never became running and hot: " + view);
  }

  /** Deletes the deployment and waits until the engine has no container of it. */
  static void delete(String d) throws Exception {
    expect(204, send(request(url + DEPLOYMENTS + "/" + d).DELETE()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!containers(d).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("deployment " + d + " deleted, its containers remain: " + containers(d));
      }
      Thread.sleep(100);
    }
  }

  static String containers(String d) throws Exception {
    return new String(run("docker", "ps", "-aq", "--filter", "label=io.fathom.owner=" + d), StandardCharsets.UTF_8).trim();
  }

  /** docker inspect of the deployment's one running container. */
  static String inspect(String d, String format) throws Exception {
    String id =
        new String(run("docker", "ps", "-q", "--filter", "label=io.fathom.owner=" + d), StandardCharsets.UTF_8).trim();
    if (id.isEmpty() || id.contains("\n")) {
      throw new IllegalStateException("expected one instance of " + d + ", docker ps says: '" + id + "'");
    }
    return new String(run("docker", "inspect", "-f", format, id), StandardCharsets.UTF_8).trim();
  }

  static HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .header("Authorization", "Bearer " + token)
        .header("x-projectid", project == null ? "" : project)
        .header("Content-Type", "application/json");
  }

  static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }

  static String lastStatus;

  static String send(HttpRequest.Builder r) throws Exception {
    HttpResponse<String> reply = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    lastStatus = reply.statusCode() + " " + reply.body();
    return reply.body();
  }

  static String expect(int status, String body) {
    if (!lastStatus.startsWith(status + " ")) {
      throw new IllegalStateException("expected HTTP " + status + ", got " + lastStatus);
    }
    return body;
  }

  /** The first value of a field in a JSON text (string or number), or "" when absent. */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"]*)\"|(-?[0-9.]+))").matcher(json);
    if (!m.find()) {
      return "";
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }

  static byte[] run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return out;
  }

  static void say(String s) {
    System.err.println("model-deploy-bench: " + s);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
