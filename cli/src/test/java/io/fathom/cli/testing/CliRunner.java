package io.fathom.cli.testing;

import io.fathom.cli.Fathom;
import io.fathom.cli.config.CliConfig;
import io.fathom.cli.config.ConfigStore;
import io.fathom.cli.config.Context;
import io.fathom.cli.runtime.SecretPrompt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real command line in-process with a private config dir and captured streams. */
public final class CliRunner {
  public static final String TOKEN = "ftm_test_token";
  public static final String ORGANIZATION = "org-1";
  public static final String PROJECT = "proj-1";

  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private SecretPrompt prompt = SecretPrompt.none();
  private byte[] stdin = new byte[0];

  public CliRunner(Path home) {
    this.home = home;
    env.put("HOME", home.toString());
    env.put("FATHOM_CONFIG_DIR", home.resolve("config").toString());
    env.put("FATHOM_HOME", home.resolve("fathom-home").toString());
  }

  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliRunner prompt(SecretPrompt prompt) {
    this.prompt = prompt;
    return this;
  }

  /** What the next runs read from standard input. */
  public CliRunner stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Path configFile() {
    return home.resolve("config").resolve("config.json");
  }

  public Path fathomHome() {
    return home.resolve("fathom-home");
  }

  public ConfigStore store() {
    return new ConfigStore(configFile());
  }

  /** Saves a context {@code name} pointing at {@code url} and makes it current. */
  public CliRunner loggedIn(String name, String url) {
    Context context = new Context(url, TOKEN, ORGANIZATION, null, null, PROJECT);
    store().save(store().load().withContext(name, context).select(name));
    return this;
  }

  public CliConfig config() {
    return store().load();
  }

  public Result run(String... args) {
    return start(args).await();
  }

  /**
   * Starts a command on its own thread, for commands that keep running ({@code --watch}): {@link
   * Running#out()} shows what it has printed so far.
   */
  public Running start(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> environment = Map.copyOf(env);
    byte[] input = stdin.clone();
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () ->
                Fathom.run(
                    args,
                    environment,
                    new ByteArrayInputStream(input),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    prompt));
    return new Running(code, out, err);
  }

  /** A command started with {@link #start}. */
  public record Running(
      CompletableFuture<Integer> code, ByteArrayOutputStream outBytes, ByteArrayOutputStream err) {
    /** What it has printed to standard output so far. */
    public String out() {
      return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits (a minute at most) for the command to end. */
    public Result await() {
      try {
        int status = code.get(1, TimeUnit.MINUTES);
        return new Result(status, out(), err.toString(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new AssertionError("the command did not end: " + e, e);
      }
    }
  }

  /** Exit status and everything printed. */
  public record Result(int exitCode, String out, String err) {}
}
