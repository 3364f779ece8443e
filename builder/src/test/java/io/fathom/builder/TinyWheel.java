package io.fathom.builder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code fathom_tinydep-1.0.0-py3-none-any.whl} from {@code src/test/resources/tinydep}: a
 * wheel is a zip of the package plus a {@code .dist-info} (METADATA, WHEEL, RECORD with sha256
 * hashes), so no build tool is needed.
 */
final class TinyWheel {
  static final String FILE_NAME = "fathom_tinydep-1.0.0-py3-none-any.whl";
  private static final String DIST_INFO = "fathom_tinydep-1.0.0.dist-info/";

  private TinyWheel() {}

  /** Writes the wheel into {@code dir} and returns its path. */
  static Path writeTo(Path dir, Path repo) throws Exception {
    Path source = repo.resolve("builder/src/test/resources/tinydep/fathomtinydep/__init__.py");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("fathomtinydep/__init__.py", Files.readAllBytes(source));
    files.put(
        DIST_INFO + "METADATA",
        "Metadata-Version: 2.1\nName: fathom-tinydep\nVersion: 1.0.0\nSummary: test package\n"
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        DIST_INFO + "WHEEL",
        "Wheel-Version: 1.0\nGenerator: fathom-builder-it\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
            .getBytes(StandardCharsets.UTF_8));
    files.put(DIST_INFO + "top_level.txt", "fathomtinydep\n".getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      record
          .append(file.getKey())
          .append(",sha256=")
          .append(hash(file.getValue()))
          .append(',')
          .append(file.getValue().length)
          .append('\n');
    }
    record.append(DIST_INFO).append("RECORD,,\n");
    files.put(DIST_INFO + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    Path wheel = Files.createDirectories(dir).resolve(FILE_NAME);
    try (OutputStream out = Files.newOutputStream(wheel);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return wheel;
  }

  private static String hash(byte[] bytes) throws IOException {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }
}
