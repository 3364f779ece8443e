package io.fathom.builder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the strategies' compile steps share: cache keys (SHA-256 of their inputs, one per line; the
 * build env hashed so that its values never leave the process otherwise) and removing a step's
 * workspace afterwards.
 */
final class Keys {
  private Keys() {}

  /** Hex SHA-256 of the parts, each followed by a newline. */
  static String sha256(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A hash of the build env (names and values, sorted). */
  static String envFingerprint(Map<String, String> env) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(env).forEach((k, v) -> text.append(k).append('=').append(v).append('\0'));
    return sha256(text.toString());
  }

  /** Deletes a directory tree; a leftover only costs disk, the next step uses a fresh one. */
  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // kept: see above
    }
  }
}
