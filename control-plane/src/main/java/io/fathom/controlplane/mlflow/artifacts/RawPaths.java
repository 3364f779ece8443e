package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The artifact path of a proxy request, taken from the raw (still encoded) URI so that encoded
 * separators and dots are seen before anything decodes them: {@code %2F}, {@code %5C}, {@code %00}
 * and {@code %2E} are refused, then the rest is decoded once and checked by {@link ArtifactPath}.
 */
final class RawPaths {
  private RawPaths() {}

  static ArtifactPath after(HttpRequest<?> request, String base) {
    String raw = request.getUri().getRawPath();
    if (!raw.startsWith(base)) {
      throw MlflowException.invalid("Artifact requests go to " + base + "/<path>");
    }
    String rest = raw.substring(base.length());
    if (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || lower.contains("%2e")) {
      throw MlflowException.invalid(
          "Invalid artifact path '" + rest + "': encoded '/', '\\', '.' and NUL are not allowed");
    }
    return ArtifactPath.parse(decode(rest));
  }

  /** Percent-decodes a path (UTF-8); unlike URLDecoder, '+' stays a plus. */
  static String decode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw MlflowException.invalid("Invalid percent-encoding in artifact path '" + raw + "'");
        }
        try {
          out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw MlflowException.invalid("Invalid percent-encoding in artifact path '" + raw + "'");
        }
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
