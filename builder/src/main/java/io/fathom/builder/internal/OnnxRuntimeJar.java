package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.ModelServerVariant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An ONNX Runtime jar split for the model server image: its Linux x64 native libraries extracted
 * into {@code native/} (the {@code onnxruntime-native} layer, loaded through {@code
 * -Donnxruntime.native.path}, so ONNX Runtime does not unpack them into {@code /tmp} at every
 * start), and the jar without any native library in {@code model-lib/} (the {@code onnxruntime}
 * layer: its classes; 54 MB becomes under 1 MB for the CPU jar, 642 MB for the GPU one).
 *
 * <p>The split is kept under {@code <root>/<jar sha256>} and made once per jar content. The
 * stripped jar is written reproducibly (entries in the original order, stored, fixed times).
 */
final class OnnxRuntimeJar {
  static final String NATIVE_PREFIX = "ai/onnxruntime/native/";
  static final String LINUX_X64 = NATIVE_PREFIX + "linux-x64/";
  static final List<String> REQUIRED_NATIVES =
      List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");
  static final String CUDA_PROVIDER = "libonnxruntime_providers_cuda.so";

  /** The jar's entries' time in the stripped jar (zip times are local; this one is fixed). */
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /**
   * A split jar.
   *
   * @param sha256 the original jar's SHA-256 (hex)
   * @param nativeDir the extracted native libraries, flat
   * @param modelLibDir the directory holding the stripped jar
   * @param jarName the stripped jar's file name there: the original's
   * @param natives the native libraries' file names, sorted
   */
  record Split(
      String sha256, Path nativeDir, Path modelLibDir, String jarName, List<String> natives) {}

  private OnnxRuntimeJar() {}

  /**
   * Checks that {@code jar} is an ONNX Runtime jar of {@code variant}: it has the Linux x64 runtime
   * and JNI libraries, and the CUDA provider exactly when the variant is GPU.
   *
   * @throws BuildException {@code onnxruntime-jar-invalid} or {@code onnxruntime-variant-mismatch}
   */
  static List<String> check(Path jar, ModelServerVariant variant) throws BuildException {
    List<String> natives = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (!entry.isDirectory()
            && name.startsWith(LINUX_X64)
            && name.indexOf('/', LINUX_X64.length()) < 0) {
          natives.add(name.substring(LINUX_X64.length()));
        }
      }
    } catch (IOException e) {
      throw new BuildException(
          "onnxruntime-jar-invalid", "Cannot read the ONNX Runtime jar " + jar + ": " + e, e);
    }
    natives.sort(Comparator.naturalOrder());
    if (!natives.containsAll(REQUIRED_NATIVES)) {
      throw new BuildException(
          "onnxruntime-jar-invalid",
          jar
              + " is not an ONNX Runtime jar for Linux x64: it lacks "
              + LINUX_X64
              + String.join(" or ", REQUIRED_NATIVES)
              + " (use com.microsoft.onnxruntime:"
              + variant.artifactId()
              + ")");
    }
    boolean cuda = natives.contains(CUDA_PROVIDER);
    if (cuda != (variant == ModelServerVariant.GPU)) {
      throw new BuildException(
          "onnxruntime-variant-mismatch",
          "The "
              + variant.tag()
              + " model server image takes com.microsoft.onnxruntime:"
              + variant.artifactId()
              + ", but "
              + jar.getFileName()
              + (cuda ? " has" : " has no")
              + " CUDA execution provider ("
              + CUDA_PROVIDER
              + "): it is the "
              + (cuda ? "onnxruntime_gpu" : "onnxruntime (CPU)")
              + " jar.");
    }
    return List.copyOf(natives);
  }

  /**
   * Splits {@code jar} (checked against {@code variant}) under {@code root}, or finds it split.
   *
   * @throws BuildException {@code onnxruntime-jar-invalid}, {@code onnxruntime-variant-mismatch},
   *     {@code cache-unusable}
   */
  static Split split(Path jar, String sha256, ModelServerVariant variant, Path root)
      throws BuildException {
    List<String> natives = check(jar, variant);
    Path target = root.resolve(sha256.substring(0, 32));
    Split split =
        new Split(
            sha256,
            target.resolve("native"),
            target.resolve("model-lib"),
            jar.getFileName().toString(),
            natives);
    if (Files.isDirectory(target)) {
      return split;
    }
    Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp.resolve("native"));
      Files.createDirectories(tmp.resolve("model-lib"));
      write(jar, tmp.resolve("native"), tmp.resolve("model-lib").resolve(jar.getFileName()));
      FileTime fixed = FileTime.from(StagedTree.FIXED_TIME);
      try (Stream<Path> walk = Files.walk(tmp)) {
        for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.setLastModifiedTime(path, fixed);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        // A parallel build split the same jar first: theirs is identical.
      }
      return split;
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable",
          "Cannot unpack the ONNX Runtime jar " + jar + " into " + root + ": " + e.getMessage(),
          e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** The natives of Linux x64 into {@code nativeDir}; every entry but natives into {@code jar}. */
  private static void write(Path source, Path nativeDir, Path strippedJar) throws IOException {
    try (ZipFile zip = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(strippedJar))) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (name.startsWith(NATIVE_PREFIX)) {
          if (!entry.isDirectory()
              && name.startsWith(LINUX_X64)
              && name.indexOf('/', LINUX_X64.length()) < 0) {
            try (InputStream in = zip.getInputStream(entry)) {
              Files.copy(in, nativeDir.resolve(name.substring(LINUX_X64.length())));
            }
          }
          continue;
        }
        byte[] data;
        try (InputStream in = zip.getInputStream(entry)) {
          data = in.readAllBytes();
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setMethod(ZipEntry.STORED);
        copy.setSize(data.length);
        copy.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        copy.setCrc(crc.getValue());
        copy.setTimeLocal(ZIP_TIME);
        out.putNextEntry(copy);
        out.write(data);
        out.closeEntry();
      }
    }
  }

  /** The file's SHA-256, hex. */
  static String sha256(Path file) throws BuildException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new BuildException(
          "onnxruntime-jar-invalid", "Cannot read the ONNX Runtime jar " + file + ": " + e, e);
    }
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover temporary directory only costs disk
    }
  }
}
