package io.fathom.controlplane.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** The address of a blob: the lowercase hex SHA-256 of its bytes. */
public record BlobKey(String hex) {
  private static final String PREFIX = "sha256:";

  public BlobKey {
    Objects.requireNonNull(hex, "hex");
    if (!isSha256Hex(hex)) {
      throw new IllegalArgumentException(
          "A blob key is 64 lowercase hex characters (a SHA-256), got '" + shorten(hex) + "'");
    }
  }

  /** Parses {@code <64 hex>} or {@code sha256:<64 hex>}. */
  public static BlobKey parse(String text) {
    Objects.requireNonNull(text, "text");
    return new BlobKey(text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text);
  }

  /** The key of these bytes. */
  public static BlobKey of(byte[] content) {
    try {
      return new BlobKey(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** The key as a digest string: {@code sha256:<hex>}. */
  public String digest() {
    return PREFIX + hex;
  }

  @Override
  public String toString() {
    return hex;
  }

  private static boolean isSha256Hex(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
