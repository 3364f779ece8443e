package io.fathom.cli.http;

import java.net.http.HttpHeaders;

/** A binary answer (a source archive) and its headers. */
public record Download(byte[] body, HttpHeaders headers) {
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }
}
