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

/**
 * Seeds a project with functions and measures list and filter latency against a running control
 * plane, with GET /whoami (authentication only) as the baseline measured in the same run.
 *
 * <p>Usage: java bench/ListFilterBench.java URL TOKEN_FILE FUNCTIONS REQUESTS LABEL
 */
public class ListFilterBench {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String url;
  static String token;
  static String project;

  public static void main(String[] args) throws Exception {
    url = args[0];
    token = Files.readString(Path.of(args[1])).trim();
    int functions = Integer.parseInt(args[2]);
    int requests = Integer.parseInt(args[3]);
    String label = args[4];
    project = projectId();
    seed(functions);

    String fns = url + "/api/intelligence/functions/v1/functions";
    List<Row> rows = new ArrayList<>();
    rows.add(measure("GET /whoami (baseline)", requests, () -> get(url + "/api/platform/v1/whoami")));
    rows.add(measure("GET list, page 1 of 50", requests, () -> get(fns + "?page_size=50")));
    rows.add(
        measure(
            "GET list, page 100 of 50",
            requests,
            () -> get(fns + "?page_size=50&page_number=100")));
    rows.add(
        measure(
            "POST filter @eq name",
            requests,
            () -> post(fns + "/filter?page_size=50", "{\"filter\":{\"@eq\":{\"path\":\"name\",\"value\":\"fn-04242\"}}}")));
    rows.add(
        measure(
            "POST filter @and(@regex, @not @eq), page 1 of 50",
            requests,
            () ->
                post(
                    fns + "/filter?page_size=50",
                    "{\"filter\":{\"@and\":[{\"@regex\":{\"path\":\"name\",\"pattern\":\"^fn-0[0-4]\"}},"
                        + "{\"@not\":{\"@eq\":{\"path\":\"kind\",\"value\":\"go124\"}}}]}}")));
    double base = rows.get(0).p50;
    System.out.printf("%n| %s: request (%d functions, %d requests each) | p50 ms | p99 ms | p50 / baseline |%n", label, functions, requests);
    System.out.println("|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf("| %s | %.2f | %.2f | %.1f× |%n", r.name, r.p50, r.p99, r.p50 / base);
    }
  }

  record Row(String name, double p50, double p99) {}

  interface Call {
    int run() throws Exception;
  }

  static Row measure(String name, int requests, Call call) throws Exception {
    for (int i = 0; i < Math.max(50, requests / 10); i++) {
      check(call.run());
    }
    double[] ms = new double[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      check(call.run());
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return new Row(name, ms[requests / 2], ms[(int) Math.ceil(requests * 0.99) - 1]);
  }

  static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("HTTP " + status);
    }
  }

  static HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .header("Authorization", "Bearer " + token)
        .header("x-projectid", project == null ? "" : project)
        .header("Content-Type", "application/json");
  }

  static int get(String uri) throws Exception {
    return HTTP.send(request(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static int post(String uri, String body) throws Exception {
    return HTTP.send(request(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static String projectId() throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/api/platform/v1/projects?page_size=1"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    int i = body.indexOf("\"id\":\"") + 6;
    return body.substring(i, body.indexOf('"', i));
  }

  static void seed(int count) throws Exception {
    String kinds[] = {"python310", "go124", "rust189", "jvm21"};
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String body =
            String.format(
                "{\"name\":\"fn-%05d\",\"description\":\"benchmark function %d\",\"kind\":\"%s\",\"serving\":{\"size\":\"small\"},\"servingEnv\":{\"A\":\"1\"}}",
                i, i, kinds[i % kinds.length]);
        String uri = url + "/api/intelligence/functions/v1/functions";
        results.add(pool.submit(() -> HTTP.send(request(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
      }
      for (Future<Integer> f : results) {
        if (f.get() != 201) {
          throw new IllegalStateException("seeding failed: HTTP " + f.get());
        }
      }
    }
  }
}
