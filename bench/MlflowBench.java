import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow tracking throughput and latency against a running control plane, through the
 * MLflow REST API with a project token: log-batch (1,000 metrics per request, one client and four
 * concurrent clients, each on its own run) and search-runs over RUNS runs with a metric filter
 * and order_by. GET /whoami (authentication only) is the baseline, measured in the same run.
 *
 * <p>Usage: java bench/MlflowBench.java URL TOKEN_FILE RUNS BATCHES SEARCHES LABEL
 */
public class MlflowBench {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final int METRICS_PER_BATCH = 1000;
  static String url;
  static String token;

  public static void main(String[] args) throws Exception {
    url = args[0];
    String admin = Files.readString(Path.of(args[1])).trim();
    int runs = Integer.parseInt(args[2]);
    int batches = Integer.parseInt(args[3]);
    int searches = Integer.parseInt(args[4]);
    String label = args[5];
    token = projectToken(admin);

    String experiment = field(post("experiments/create", "{\"name\":\"bench\"}"), "experiment_id");
    throughput(experiment, 2, Math.max(10, batches / 5)); // warm-up: JIT, connection pools

    double sequential = throughput(experiment, 1, batches);
    double concurrent = throughput(experiment, 4, batches);

    seedRuns(experiment, runs);
    Latency whoami = latency(searches, () -> get(url + "/api/platform/v1/whoami"));
    String search =
        "{\"experiment_ids\":[\"" + experiment + "\"],\"filter\":\"metrics.accuracy > 0.9\","
            + "\"order_by\":[\"metrics.accuracy DESC\"],\"max_results\":100}";
    Latency searchLatency = latency(searches, () -> status(postRaw("runs/search", search)));
    String plain = "{\"experiment_ids\":[\"" + experiment + "\"],\"max_results\":100}";
    Latency plainLatency = latency(searches, () -> status(postRaw("runs/search", plain)));

    System.out.printf(
        "%n| %s: log-batch (%d metrics per request, %d requests per client) | metrics/s | requests/s |%n",
        label, METRICS_PER_BATCH, batches);
    System.out.println("|---|---|---|");
    System.out.printf("| 1 client | %,.0f | %.1f |%n", sequential, sequential / METRICS_PER_BATCH);
    System.out.printf("| 4 concurrent clients | %,.0f | %.1f |%n", concurrent, concurrent / METRICS_PER_BATCH);

    System.out.printf(
        "%n| %s: request (%d runs in the experiment, %d requests each) | p50 ms | p99 ms | p50 / baseline |%n",
        label, runs, searches);
    System.out.println("|---|---|---|---|");
    row("GET /whoami (baseline)", whoami, whoami);
    row("runs/search, 100 per page", plainLatency, whoami);
    row("runs/search metrics.accuracy > 0.9, order_by metrics.accuracy DESC, 100 per page", searchLatency, whoami);
  }

  static void row(String name, Latency l, Latency base) {
    System.out.printf("| %s | %.2f | %.2f | %.1f× |%n", name, l.p50, l.p99, l.p50 / base.p50);
  }

  record Latency(double p50, double p99) {}

  interface Call {
    int run() throws Exception;
  }

  static Latency latency(int requests, Call call) throws Exception {
    for (int i = 0; i < Math.max(20, requests / 10); i++) {
      check(call.run());
    }
    double[] ms = new double[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      check(call.run());
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return new Latency(ms[requests / 2], ms[(int) Math.ceil(requests * 0.99) - 1]);
  }

  /** Metrics per second with {@code clients} clients, each sending {@code batches} batches. */
  static double throughput(String experiment, int clients, int batches) throws Exception {
    List<String> runIds = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      runIds.add(createRun(experiment));
    }
    batch(runIds.get(0), -1); // warm-up
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (String runId : runIds) {
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    batch(runId, b);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return (double) clients * batches * METRICS_PER_BATCH / seconds;
  }

  /** 1,000 metrics: 10 keys x 100 steps, step numbers unique per batch. */
  static void batch(String runId, int b) throws Exception {
    StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
    long now = System.currentTimeMillis();
    for (int i = 0; i < METRICS_PER_BATCH; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"key\":\"m").append(i % 10).append("\",\"value\":").append(Math.random())
          .append(",\"timestamp\":").append(now).append(",\"step\":").append((long) b * 100 + i / 10 + 1_000_000L).append('}');
    }
    body.append("]}");
    check(status(postRaw("runs/log-batch", body.toString())));
  }

  static void seedRuns(String experiment, int count) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  String runId = createRun(experiment);
                  String body =
                      "{\"run_id\":\"" + runId + "\",\"metrics\":[{\"key\":\"accuracy\",\"value\":"
                          + (n % 1000) / 1000.0 + ",\"timestamp\":1,\"step\":0},"
                          + "{\"key\":\"loss\",\"value\":" + (1000 - n % 1000) / 1000.0 + ",\"timestamp\":1,\"step\":0}],"
                          + "\"params\":[{\"key\":\"lr\",\"value\":\"0.0" + (n % 9 + 1) + "\"}]}";
                  return status(postRaw("runs/log-batch", body));
                }));
      }
      for (Future<Integer> f : results) {
        check(f.get());
      }
    }
  }

  static String createRun(String experiment) throws Exception {
    return field(post("runs/create", "{\"experiment_id\":\"" + experiment + "\",\"start_time\":1}"), "run_id");
  }

  static String projectToken(String admin) throws Exception {
    HttpResponse<String> projects =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/api/platform/v1/projects?page_size=1"))
                .header("Authorization", "Bearer " + admin)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String project = field(projects.body(), "id");
    HttpResponse<String> minted =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/api/platform/v1/tokens"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"bench\",\"projectId\":\"" + project + "\",\"expiresInSeconds\":3600}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return field(minted.body(), "token");
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("HTTP " + status);
    }
  }

  static int status(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      System.err.println(response.body());
    }
    return response.statusCode();
  }

  static int get(String uri) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static String post(String path, String body) throws Exception {
    HttpResponse<String> response = postRaw(path, body);
    check(status(response));
    return response.body();
  }

  static HttpResponse<String> postRaw(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + "/api/2.0/mlflow/" + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
