package io.fathom.cli.runtime;

import io.fathom.cli.config.CliConfig;
import io.fathom.cli.config.ConfigStore;
import io.fathom.cli.config.Context;
import io.fathom.cli.config.FathomPaths;
import io.fathom.cli.config.NamedContext;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.output.OutputFormat;
import io.fathom.cli.output.Printer;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one invocation of the CLI works with: the environment, the streams, the config store,
 * the global options and the HTTP client. Built once at the entry point, so that nothing deeper
 * reads the process environment.
 */
public final class Session implements AutoCloseable {
  private final Map<String, String> env;
  private final FathomPaths paths;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final SecretPrompt prompt;
  private final ConfigStore configStore;
  private HttpClient http;
  private String contextOverride;
  private OutputFormat outputFormat = OutputFormat.TABLE;

  public Session(
      Map<String, String> env,
      FathomPaths paths,
      InputStream in,
      PrintStream out,
      PrintStream err,
      SecretPrompt prompt) {
    this.env = Map.copyOf(env);
    this.paths = paths;
    this.in = in;
    this.out = out;
    this.err = err;
    this.prompt = prompt;
    this.configStore = new ConfigStore(paths.configFile());
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** The environment this invocation was given (never the process's own, in tests). */
  public Map<String, String> environment() {
    return env;
  }

  public FathomPaths paths() {
    return paths;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public SecretPrompt prompt() {
    return prompt;
  }

  public ConfigStore configStore() {
    return configStore;
  }

  /** The {@code --context} given for this invocation, if any. */
  public Optional<String> contextOverride() {
    return Optional.ofNullable(contextOverride);
  }

  public void contextOverride(String name) {
    this.contextOverride = name;
  }

  public void outputFormat(OutputFormat format) {
    this.outputFormat = format;
  }

  public Printer printer() {
    return new Printer(out, outputFormat);
  }

  /** The context this invocation runs in: {@code --context}, else the current one. */
  public NamedContext context() {
    CliConfig config = configStore.load();
    if (contextOverride != null) {
      return config.context(contextOverride);
    }
    return config
        .currentContext()
        .orElseThrow(
            () ->
                new CliException(
                    "not-logged-in",
                    "no current context: run 'fathom login <URL>' first"
                        + (config.contexts().isEmpty()
                            ? ""
                            : " or 'fathom context select NAME' (known: "
                                + String.join(", ", config.contexts().keySet())
                                + ")")));
  }

  /** A client for the context this invocation runs in. */
  public ApiClient api() {
    return api(context().context());
  }

  public ApiClient api(Context context) {
    return new ApiClient(
        http(),
        context.url(),
        context.token(),
        context.organizationId(),
        context.intelligenceProjectId());
  }

  public HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return http;
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    if (http != null) {
      http.close();
    }
  }
}
