package io.fathom.cli.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** The platform URL given to {@code fathom login}: parsed, normalised, and checked for loopback. */
record PlatformUrl(URI uri) {

  /**
   * Accepts {@code http(s)://host[:port][/path]}; without a scheme, {@code http://} is assumed for
   * loopback hosts and {@code https://} otherwise. A trailing slash is dropped.
   */
  static PlatformUrl parse(String raw) {
    String text = raw.strip();
    if (!text.contains("://")) {
      String host = text.split("[/:]", 2)[0];
      text = (isLoopbackHost(host) || text.startsWith("[::1]") ? "http://" : "https://") + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + raw + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + raw + "' is not an http or https URL, e.g. http://127.0.0.1:8080");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + raw + "' has no host, e.g. http://127.0.0.1:8080");
    }
    String normalized = uri.toString();
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return new PlatformUrl(URI.create(normalized));
  }

  boolean isLoopback() {
    return isLoopbackHost(uri.getHost());
  }

  @Override
  public String toString() {
    return uri.toString();
  }

  /** {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}; host names are not looked up. */
  static boolean isLoopbackHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
