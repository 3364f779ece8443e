import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls through the control plane vs directly on the instance's port (issue 5), against a control
 * plane that bench/calls.sh started: creates the python310 echo function (the deployment tests'
 * fixture), builds and deploys it with one instance kept warm, runs wrk at -c1 and -c16 on both
 * paths (each after a warm-up), then measures cold starts: the same build redeployed with no
 * minimum, each round waits until the pool scaled it to zero and times one call, against `docker
 * run` of the same image until its first /invoke answer.
 *
 * <p>Usage: java bench/CallsBench.java URL TOKEN_FILE FIXTURE_DIR SECONDS ROUNDS WORK_DIR
 * (FATHOM_BENCH_WARMUP: seconds of each warm-up run, default 10; the control plane's JIT needs it). The ids
 * of the deployments it makes and the names of its bare containers are appended to
 * WORK_DIR/cleanup (one per line, "deployment ID" or "container NAME") for the script's cleanup.
 * Prints Markdown on stdout, progress on stderr.
 */
public class CallsBench {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String BODY = "{\"action\":\"echo\",\"value\":1}";
  static String url;
  static String token;
  static String project;
  static Path work;
  static int warmup = Integer.parseInt(System.getenv().getOrDefault("FATHOM_BENCH_WARMUP", "10"));

  public static void main(String[] args) throws Exception {
    url = args[0];
    token = Files.readString(Path.of(args[1])).trim();
    Path fixture = Path.of(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    work = Path.of(args[5]);
    project = field(send(request(url + "/api/platform/v1/projects?page_size=1").GET()), "id");

    String fns = url + "/api/intelligence/functions/v1/functions";
    String fn =
        field(
            expect(
                201,
                send(
                    request(fns)
                        .POST(
                            body(
                                "{\"name\":\"bench-calls\",\"description\":\"calls benchmark (echo)\",\"kind\":\"python310\","
                                    + "\"serving\":{\"size\":\"small\",\"minInstances\":1},"
                                    + "\"schema\":{\"input\":{\"type\":\"object\",\"required\":[\"action\"]},"
                                    + "\"output\":{\"type\":\"object\"}}}")))),
            "id");
    byte[] archive = run("tar", "-C", fixture.toString(), "-czf", "-", ".");
    expect(
        201,
        send(
            request(fns + "/" + fn + "/source")
                .setHeader("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))));
    say("building function " + fn);
    String build = field(expect(202, send(request(fns + "/" + fn + "/builds").POST(body("{}")))), "id");
    String built = awaitField(fns + "/" + fn + "/builds/" + build, "status", "succeeded|failed|canceled", 300);
    if (!built.equals("succeeded")) {
      throw new IllegalStateException("build " + build + " " + built);
    }
    String deployment = deploy(fns, fn, build);
    String[] instance = instance(deployment);
    int port = Integer.parseInt(instance[0]);
    String image = instance[1];
    String[] limits = limits(deployment);
    say("deployment " + deployment + " runs on port " + port + " (image " + image + ")");

    String platformPath = "/api/intelligence/functions/v1/functions/" + fn + "/calls";
    String check = new String(run("curl", "-fsS", "-X", "POST", "-H", "Authorization: Bearer " + token, "-H", "x-projectid: " + project, "-H", "Content-Type: application/json", "-d", BODY, url + platformPath), StandardCharsets.UTF_8);
    if (!check.contains("\"status\":\"succeeded\"")) {
      throw new IllegalStateException("the platform call did not succeed: " + check);
    }
    String direct = "http://127.0.0.1:" + port;
    List<String[]> rows = new ArrayList<>();
    List<String> cpuRows = new ArrayList<>();
    for (int c : new int[] {1, 16}) {
      int threads = c == 1 ? 1 : 2;
      Wrk p = wrk(url, platformPath, true, threads, c, seconds);
      Wrk d = wrk(direct, "/invoke", false, threads, c, seconds);
      rows.add(new String[] {String.valueOf(c), fmt(p), fmt(d), ratios(p, d), goal(c, p, d)});
      cpuRows.add(String.format(Locale.ROOT, "| %d | %.0f | %.0f |", c, p.cpuUsPerRequest, d.cpuUsPerRequest));
    }

    String recent = send(request(fns + "/" + fn + "/calls?page_size=100").GET());
    double[] execution = numbers(recent, "executionMs");
    double[] duration = numbers(recent, "durationMs");

    System.out.println();
    System.out.printf("Warm calls (%d s per run after a %d s warm-up of the same shape; body %s):%n%n", seconds, warmup, BODY);
    System.out.println("| concurrency | platform p50 / p99 (ms), req/s | direct p50 / p99 (ms), req/s | added p50 (ms); throughput platform / direct | goal |");
    System.out.println("|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }

    System.out.println();
    System.out.println("Control plane CPU time per request during each measured run (µs; in the direct runs it still follows the instance's output):");
    System.out.println();
    System.out.println("| concurrency | platform runs | direct runs |");
    System.out.println("|---|---|---|");
    cpuRows.forEach(System.out::println);

    System.out.printf(
        Locale.ROOT,
        "%nInside the control plane, the last %d platform calls (c=16): median executionMs (the"
            + " instance's HTTP exchange) %.1f, median durationMs (row created to row ended) %.1f.%n",
        execution.length,
        median(execution),
        median(duration));

    // Cold starts: the same build with no minimum, scaled to zero between rounds.
    expect(200, send(request(fns + "/" + fn).method("PATCH", body("{\"serving\":{\"minInstances\":0}}"))));
    String coldDeployment = deploy(fns, fn, build);
    double[] platformMs = new double[rounds];
    double[] startMs = new double[rounds];
    double[][] limited = new double[2][rounds];
    double[][] plain = new double[2][rounds];
    for (int i = 0; i < rounds; i++) {
      awaitState(fns + "/" + fn + "/deployments", coldDeployment, "cold", 60);
      long t0 = System.nanoTime();
      String reply = send(request(url + platformPath).POST(body(BODY)));
      platformMs[i] = (System.nanoTime() - t0) / 1e6;
      if (!reply.contains("\"coldStart\":true") || !reply.contains("\"status\":\"succeeded\"")) {
        throw new IllegalStateException("round " + i + ": not a succeeded cold start: " + reply);
      }
      startMs[i] = Double.parseDouble(field(reply, "startMs"));
      double[] l = bareDockerRun(image, "l" + i, limits);
      double[] u = bareDockerRun(image, "u" + i, new String[0]);
      limited[0][i] = l[0];
      limited[1][i] = l[1];
      plain[0][i] = u[0];
      plain[1][i] = u[1];
      say(String.format(Locale.ROOT, "cold round %d: platform %.0f ms (startMs %.0f), docker run with limits %.0f ms, without %.0f ms", i + 1, platformMs[i], startMs[i], l[1], u[1]));
    }
    double p = median(platformMs);
    double b = median(limited[1]);
    System.out.println();
    System.out.printf("Cold starts (%d rounds, medians; every platform call had coldStart true; bare runs use %s):%n%n", rounds, String.join(" ", limits));
    System.out.println("| path | median ms | min / max ms |");
    System.out.println("|---|---|---|");
    row("platform: sync call on a cold deployment, to its answer (client clock)", platformMs);
    row("platform: the call's `timings.startMs` (instance start to ready)", startMs);
    row("bare `docker run -d`, same limits: to the first `/_/ready` 200", limited[0]);
    row("bare `docker run -d`, same limits: to the first `/invoke` answer (baseline)", limited[1]);
    row("bare `docker run -d`, no limits: to the first `/_/ready` 200", plain[0]);
    row("bare `docker run -d`, no limits: to the first `/invoke` answer", plain[1]);
    System.out.printf(Locale.ROOT, "%nCold start, platform / bare docker run with the same limits: %.2f× (goal ≤ 1.5×: %s); / bare without limits: %.2f×%n", p / b, p / b <= 1.5 ? "met" : "not met", p / median(plain[1]));
  }

  static void row(String label, double[] ms) {
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f / %.0f |%n", label, median(ms), min(ms), max(ms));
  }

  // --- warm calls -------------------------------------------------------------------------------

  /** One measured wrk run; {@code cpuUsPerRequest}: the control plane's CPU time per request. */
  record Wrk(double p50Ms, double p99Ms, double rps, long non2xx, double cpuUsPerRequest) {}

  /** The control plane's user + system CPU time in microseconds (/proc/PID/stat, 100 Hz ticks). */
  static long controlPlaneCpuUs() throws IOException {
    String pid = System.getenv("FATHOM_BENCH_CP_PID");
    if (pid == null || pid.isBlank()) {
      return -1;
    }
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000L;
  }

  static Wrk wrk(String base, String path, boolean platform, int threads, int connections, int seconds) throws Exception {
    Path script = work.resolve(platform ? "platform.lua" : "direct.lua");
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.path = \"").append(path).append("\"\n");
    lua.append("wrk.body = '").append(BODY).append("'\n");
    lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    if (platform) {
      lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n");
      lua.append("wrk.headers[\"x-projectid\"] = \"").append(project).append("\"\n");
    }
    Files.writeString(script, lua.toString());
    String[] warm = {"wrk", "-t" + threads, "-c" + connections, "-d" + warmup + "s", "-s", script.toString(), base};
    run(warm);
    long cpuBefore = controlPlaneCpuUs();
    String out = new String(run("wrk", "--latency", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "-s", script.toString(), base), StandardCharsets.UTF_8);
    long cpuAfter = controlPlaneCpuUs();
    say((platform ? "platform" : "direct") + " -c" + connections + ":\n" + out);
    long non2xx = 0;
    Matcher m = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
    if (m.find()) {
      non2xx = Long.parseLong(m.group(1));
    }
    if (non2xx > 0 || out.contains("Socket errors")) {
      throw new IllegalStateException("wrk saw errors:\n" + out);
    }
    double requests = number(out, "(\\d+) requests in");
    double cpu = cpuBefore < 0 ? Double.NaN : (cpuAfter - cpuBefore) / requests;
    return new Wrk(latency(out, "50%"), latency(out, "99%"), number(out, "Requests/sec:\\s+([0-9.]+)"), non2xx, cpu);
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

  static String ratios(Wrk p, Wrk d) {
    return String.format(Locale.ROOT, "%+.2f; %.0f %%", p.p50Ms - d.p50Ms, 100 * p.rps / d.rps);
  }

  static String goal(int c, Wrk p, Wrk d) {
    boolean latency = p.p50Ms - d.p50Ms <= 1.0;
    if (c == 1) {
      return latency ? "met (≤ +1 ms)" : "not met (≤ +1 ms)";
    }
    boolean throughput = p.rps >= 0.8 * d.rps;
    return (latency ? "p50 met" : "p50 not met") + ", " + (throughput ? "throughput met (≥ 80 %)" : "throughput not met (≥ 80 %)");
  }

  // --- cold starts --------------------------------------------------------------------------------

  /** docker run of the image on a free port: ms until /_/ready answers 200, and until /invoke does. */
  static double[] bareDockerRun(String image, String round, String[] options) throws Exception {
    int port = freePort();
    String name = "fathom-bench-cold-" + ProcessHandle.current().pid() + "-" + round;
    Files.writeString(work.resolve("cleanup"), "container " + name + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_/ready")).timeout(Duration.ofSeconds(2)).GET().build();
    HttpRequest invoke = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invoke")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    long t0 = System.nanoTime();
    List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--network", "host", "-e", "PORT=" + port));
    command.addAll(List.of(options));
    command.add(image);
    run(command.toArray(String[]::new));
    double readyMs;
    long deadline = t0 + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          readyMs = (System.nanoTime() - t0) / 1e6;
          break;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " never got ready");
      }
      Thread.sleep(15); // the platform's ReadyProbe polls every 15 ms too
    }
    HttpResponse<String> answer = client.send(invoke, HttpResponse.BodyHandlers.ofString());
    double invokeMs = (System.nanoTime() - t0) / 1e6;
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(name + " answered " + answer.statusCode() + ": " + answer.body());
    }
    run("docker", "rm", "-f", name);
    return new double[] {readyMs, invokeMs};
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  // --- control plane helpers ----------------------------------------------------------------------

  static String deploy(String fns, String fn, String build) throws Exception {
    String d = field(expect(202, send(request(fns + "/" + fn + "/deployments").POST(body("{\"buildId\":\"" + build + "\"}")))), "id");
    Files.writeString(work.resolve("cleanup"), "deployment " + d + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    awaitState(fns + "/" + fn + "/deployments", d, "running", 120);
    return d;
  }

  /** Waits until the deployment's status (running) or instance state (hot, cold) is {@code want}. */
  static void awaitState(String list, String deployment, String want, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = send(request(list + "?page_size=100").GET());
      int at = last.indexOf("\"id\":\"" + deployment + "\"");
      if (at >= 0) {
        int end = last.indexOf('}', at);
        String d = last.substring(at, end < 0 ? last.length() : end);
        if (d.contains("\"status\":\"failed\"")) {
          throw new IllegalStateException("deployment failed: " + d);
        }
        if (d.contains("\"status\":\"" + want + "\"") || d.contains("\"state\":\"" + want + "\"")) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("deployment " + deployment + " never became " + want + ": " + last);
  }

  static String awaitField(String uri, String name, String regex, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String value = "";
    while (System.nanoTime() < deadline) {
      value = field(send(request(uri).GET()), name);
      if (value.matches(regex)) {
        return value;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(uri + " never got " + name + " " + regex + ": " + value);
  }

  /** The instance's CPU and memory limits as docker run options (the same for the bare runs). */
  static String[] limits(String deployment) throws Exception {
    String id = new String(run("docker", "ps", "-q", "--filter", "label=io.fathom.deployment=" + deployment), StandardCharsets.UTF_8).trim();
    String[] v = new String(run("docker", "inspect", "-f", "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}", id), StandardCharsets.UTF_8).trim().split(" ");
    double cpus = Long.parseLong(v[0]) / 1e9;
    return new String[] {"--cpus=" + cpus, "--memory=" + v[1], "--memory-swap=" + v[1]};
  }

  /** The port and image of the deployment's one instance, as the engine reports them. */
  static String[] instance(String deployment) throws Exception {
    String out = new String(run("docker", "ps", "--filter", "label=io.fathom.deployment=" + deployment, "--format", "{{.Label \"io.fathom.port\"}} {{.Image}}"), StandardCharsets.UTF_8).trim();
    if (out.isEmpty() || out.contains("\n")) {
      throw new IllegalStateException("expected one instance of " + deployment + ", docker ps says: '" + out + "'");
    }
    return out.split(" ");
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
    System.err.println("calls-bench: " + s);
  }

  /** Every numeric value of a field in a JSON text. */
  static double[] numbers(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9.]+)").matcher(json);
    List<Double> values = new ArrayList<>();
    while (m.find()) {
      values.add(Double.parseDouble(m.group(1)));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
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
