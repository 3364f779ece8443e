package io.fathom.controlplane.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decides a build's image, hashed: the kind, the revision's digest, the build env (names and
 * values, plain and secret, only as a hash) and the base image. Equal keys give equal images.
 */
final class ConfigKey {
  private ConfigKey() {}

  static String of(String kind, String revisionDigest, Map<String, String> env, String baseImage) {
    StringBuilder envText = new StringBuilder();
    new TreeMap<>(env)
        .forEach((k, v) -> envText.append(k).append('=').append(sha256(v)).append('\n'));
    return sha256(
        "kind="
            + kind
            + "\nrevision="
            + revisionDigest
            + "\nenv="
            + sha256(envText.toString())
            + "\nbase="
            + baseImage
            + "\n");
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
