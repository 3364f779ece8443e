package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
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
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the strategies' compile steps share: cache keys (SHA-256 of their inputs, one per line; the
 * build env hashed so that its values never leave the process otherwise), the per-scope names of
 * the caches compile steps write ({@link #scopedVolume}, {@link #outputDir}: a build's writable
 * caches are never another cache scope's) and removing a step's workspace afterwards.
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

  /**
   * A writable cache volume's name: {@code PREFIX-SCOPE-HASH}. The scope is part of the name (not
   * only of a hash) so that one scope's volumes can be found and removed; the hash has a fixed
   * length, so two scopes can never produce the same name.
   */
  static String scopedVolume(String prefix, String scope, String hash) {
    return prefix + "-" + scope + "-" + hash;
  }

  /**
   * Where a compile step's kept output lives: {@code PARENT/SCOPE/KEY} (the key's first 32 hex
   * digits). Outputs are reused only within the scope that made them.
   */
  static Path outputDir(Path parent, String scope, String key) {
    return parent.resolve(scope).resolve(key.substring(0, 32));
  }

  /**
   * A fresh workspace for one compile step, {@code CACHE/work/UUID}, with the given subdirectories.
   *
   * @throws BuildException {@code cache-unusable} when it cannot be made
   */
  static Path newWorkspace(Path cache, String... subdirectories) throws BuildException {
    try {
      Path workspace =
          Files.createDirectories(cache.resolve("work")).resolve(UUID.randomUUID().toString());
      for (String sub : subdirectories) {
        Files.createDirectories(workspace.resolve(sub));
      }
      return workspace;
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable", "Cannot make a workspace under " + cache + ": " + e.getMessage(), e);
    }
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
