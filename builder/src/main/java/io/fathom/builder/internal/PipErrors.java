package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a failed {@code pip install} (its exit code and the tail of its output) into a build error
 * with a stable code: {@code package-index-unreachable} when pip could not connect to the index,
 * {@code dependency-install-failed} otherwise, each carrying pip's own error lines.
 */
final class PipErrors {
  /** What urllib3/pip print when a connection to the index fails (retry warnings, errors). */
  private static final List<String> UNREACHABLE =
      List.of(
          "failed to establish a new connection",
          "connection refused",
          "name or service not known",
          "temporary failure in name resolution",
          "network is unreachable",
          "no route to host",
          "connecttimeouterror",
          "read timed out",
          "proxyerror");

  private PipErrors() {}

  static BuildException failed(int exitCode, List<String> tail, Optional<String> indexUrl) {
    String output = String.join("\n", tail);
    String lowered = output.toLowerCase(Locale.ROOT);
    if (indexUrl.isPresent() && UNREACHABLE.stream().anyMatch(lowered::contains)) {
      return unreachable(indexUrl.get(), firstMatching(tail));
    }
    List<String> errors = tail.stream().filter(l -> l.startsWith("ERROR:")).toList();
    String shown = String.join("\n", errors.isEmpty() ? tail : errors);
    return new BuildException(
        "dependency-install-failed",
        "pip install of the [project] dependencies failed (exit code "
            + exitCode
            + ")"
            + (shown.isEmpty() ? "" : ":\n" + shown));
  }

  /** The index could not be reached; {@code detail} says how (pip's line, or the connect error). */
  static BuildException unreachable(String indexUrl, String detail) {
    return new BuildException(
        "package-index-unreachable",
        "The package index "
            + redact(indexUrl)
            + " (PIP_INDEX_URL in the function's buildEnv) could not be reached from the builder: "
            + detail
            + ". Check that the index is up and the URL is right, or use a wheel directory"
            + " (fathom.builds.python-wheels).");
  }

  /** The URL without user info (an index URL may carry credentials). */
  static String redact(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getUserInfo() == null) {
        return uri.toString();
      }
      return new URI(
              uri.getScheme(), "****", uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (Exception e) {
      return "(an index URL that is not a valid URL)";
    }
  }

  private static String firstMatching(List<String> tail) {
    for (String line : tail) {
      String lowered = line.toLowerCase(Locale.ROOT);
      if (UNREACHABLE.stream().anyMatch(lowered::contains)) {
        return line.trim();
      }
    }
    return "connection failed";
  }
}
