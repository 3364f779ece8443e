package io.fathom.builder.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to build: a function's source tree of a kind, onto a base image, to a target.
 *
 * @param sourceDir the revision's source tree (read, never written)
 * @param kind the function's kind
 * @param buildEnv variables for the compile step only; never written into the image (config,
 *     history or layers). {@link #toString()} never shows their values
 * @param target where the image goes
 * @param baseImage the kind's runtime base image, with Jib's prefixes: {@code docker://NAME} (local
 *     daemon), {@code registry://REF} or a bare reference (a registry), {@code tar:///PATH} (a
 *     {@code docker save} tarball)
 * @param cacheDir the builder's cache (Jib's base and application layer caches, staged trees);
 *     builds that share it reuse unchanged layers
 * @param cacheScope who may share the writable build caches ({@code [a-z0-9][a-z0-9-]{0,62}}, e.g.
 *     a project id): every cache a compile step writes (Maven's local repository, the Go and cargo
 *     caches, compile outputs, installed Python dependencies) is kept per scope, so a build can
 *     never poison another scope's builds through them. Jib's layer cache and staged trees are
 *     content-addressed and written by the builder only: they stay shared. Default {@value
 *     #DEFAULT_CACHE_SCOPE}
 * @param revisionDigest the revision's digest ({@code sha256:…}), written as a label, if known
 */
public record BuildRequest(
    Path sourceDir,
    FunctionKind kind,
    Map<String, String> buildEnv,
    BuildTarget target,
    String baseImage,
    Path cacheDir,
    String cacheScope,
    Optional<String> revisionDigest) {

  /** The scope of a request that names none. */
  public static final String DEFAULT_CACHE_SCOPE = "default";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern CACHE_SCOPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public BuildRequest {
    Objects.requireNonNull(sourceDir, "sourceDir");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(revisionDigest, "revisionDigest");
    if (cacheScope == null || !CACHE_SCOPE.matcher(cacheScope).matches()) {
      throw new IllegalArgumentException(
          "cacheScope must be 1 to 63 lowercase letters, digits and '-', starting with a letter or"
              + " digit (e.g. a project id), got "
              + cacheScope);
    }
    sourceDir = sourceDir.toAbsolutePath().normalize();
    cacheDir = cacheDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(sourceDir)) {
      throw new IllegalArgumentException("sourceDir is not a directory: " + sourceDir);
    }
    if (baseImage == null || baseImage.isBlank()) {
      throw new IllegalArgumentException(
          "baseImage is required (e.g. docker://fathom/base-python310:latest)");
    }
    buildEnv =
        buildEnv == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(buildEnv));
    for (var entry : buildEnv.entrySet()) {
      if (!ENV_NAME.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException(
            "buildEnv name is not a valid variable name: " + entry.getKey());
      }
      Objects.requireNonNull(entry.getValue(), "buildEnv value of " + entry.getKey());
    }
    revisionDigest.ifPresent(
        d -> {
          if (!DIGEST.matcher(d).matches()) {
            throw new IllegalArgumentException("revisionDigest must be sha256:<64 hex>, got " + d);
          }
        });
  }

  public static Builder builder(FunctionKind kind, Path sourceDir) {
    return new Builder(kind, sourceDir);
  }

  /** Shows build env names only: their values may be secrets. */
  @Override
  public String toString() {
    return "BuildRequest[sourceDir="
        + sourceDir
        + ", kind="
        + kind
        + ", buildEnv="
        + buildEnv.keySet()
        + ", target="
        + target
        + ", baseImage="
        + baseImage
        + ", cacheDir="
        + cacheDir
        + ", cacheScope="
        + cacheScope
        + ", revisionDigest="
        + revisionDigest.orElse("-")
        + "]";
  }

  /** Fluent construction; {@link #build()} validates. */
  public static final class Builder {
    private final FunctionKind kind;
    private final Path sourceDir;
    private Map<String, String> buildEnv = Map.of();
    private BuildTarget target;
    private String baseImage;
    private Path cacheDir;
    private String cacheScope = DEFAULT_CACHE_SCOPE;
    private String revisionDigest;

    private Builder(FunctionKind kind, Path sourceDir) {
      this.kind = kind;
      this.sourceDir = sourceDir;
    }

    public Builder buildEnv(Map<String, String> buildEnv) {
      this.buildEnv = buildEnv;
      return this;
    }

    public Builder target(BuildTarget target) {
      this.target = target;
      return this;
    }

    public Builder baseImage(String baseImage) {
      this.baseImage = baseImage;
      return this;
    }

    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir;
      return this;
    }

    /** Who may share the writable build caches (see {@link BuildRequest#cacheScope()}). */
    public Builder cacheScope(String cacheScope) {
      this.cacheScope = cacheScope;
      return this;
    }

    public Builder revisionDigest(String revisionDigest) {
      this.revisionDigest = revisionDigest;
      return this;
    }

    public BuildRequest build() {
      return new BuildRequest(
          sourceDir,
          kind,
          buildEnv,
          target,
          baseImage,
          cacheDir,
          cacheScope,
          Optional.ofNullable(revisionDigest));
    }
  }
}
