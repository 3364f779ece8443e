package io.fathom.runtime.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body up to a limit. A larger body is read on and thrown away (up to {@link
 * #DISCARD_FACTOR} times the limit) so the client finishes sending and sees the 413.
 */
final class RequestBody {
  static final int DISCARD_FACTOR = 4;

  private RequestBody() {}

  /** The body, or empty when it is longer than {@code maxBytes}. */
  static Optional<byte[]> read(InputStream in, long declaredLength, long maxBytes)
      throws IOException {
    if (declaredLength > maxBytes) {
      discard(in, maxBytes * DISCARD_FACTOR);
      return Optional.empty();
    }
    ByteArrayOutputStream body =
        new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 256), maxBytes));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > maxBytes) {
        discard(in, maxBytes * DISCARD_FACTOR);
        return Optional.empty();
      }
      body.write(buffer, 0, read);
    }
    return Optional.of(body.toByteArray());
  }

  private static void discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while (total < limit && (read = in.read(buffer)) != -1) {
      total += read;
    }
  }
}
