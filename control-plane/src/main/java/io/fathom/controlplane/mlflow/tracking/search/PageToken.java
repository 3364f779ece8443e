package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MLflow's opaque page token: base64 of {@code {"offset": N}}. */
public final class PageToken {
  private static final Pattern OFFSET =
      Pattern.compile("\\{\\s*\"offset\"\\s*:\\s*(\\d{1,12})\\s*}");

  private PageToken() {}

  public static String encode(long offset) {
    return Base64.getEncoder()
        .encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a token stands for; 0 when there is none. */
  public static long decode(@Nullable String token) {
    if (token == null || token.isBlank()) {
      return 0;
    }
    try {
      String text = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      Matcher m = OFFSET.matcher(text);
      if (m.matches()) {
        return Long.parseLong(m.group(1));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw MlflowException.invalid("Invalid page token '" + token + "'");
  }
}
