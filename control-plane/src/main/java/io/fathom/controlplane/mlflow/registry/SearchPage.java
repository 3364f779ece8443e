package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of search results and the token of the next page ({@code null} on the last). */
public record SearchPage<T>(List<T> items, String nextPageToken) {
  private static final String PREFIX = "offset:";

  /** The offset a {@code page_token} stands for; 0 without one. */
  static long offset(String pageToken) {
    if (pageToken == null || pageToken.isBlank()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
      if (!decoded.startsWith(PREFIX)) {
        throw new IllegalArgumentException(decoded);
      }
      long offset = Long.parseLong(decoded.substring(PREFIX.length()));
      if (offset < 0) {
        throw new IllegalArgumentException(decoded);
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw MlflowException.invalid("Invalid page token '" + pageToken + "'.");
    }
  }

  static String token(long offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code max_results}: {@code fallback} when absent, 1 to {@code max} otherwise. */
  static int limit(Integer maxResults, int fallback, int max) {
    if (maxResults == null) {
      return fallback;
    }
    if (maxResults < 1 || maxResults > max) {
      throw MlflowException.invalid(
          "Invalid value " + maxResults + " for parameter 'max_results': it must be 1 to " + max);
    }
    return maxResults;
  }
}
