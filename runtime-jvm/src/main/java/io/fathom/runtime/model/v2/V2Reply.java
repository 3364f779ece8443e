package io.fathom.runtime.model.v2;

import java.util.Map;

/**
 * One V2 answer, independent of the HTTP server that sends it: status, content type, extra headers
 * and a body in parts (the JSON, then each binary output; sent one after another without a copy).
 */
public record V2Reply(int status, String contentType, Map<String, String> headers, byte[]... body) {
  public V2Reply {
    headers = Map.copyOf(headers);
  }

  /** The body's length in bytes. */
  public long length() {
    long n = 0;
    for (byte[] part : body) {
      n += part.length;
    }
    return n;
  }
}
