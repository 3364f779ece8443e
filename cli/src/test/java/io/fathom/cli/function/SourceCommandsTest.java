package io.fathom.cli.function;

import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.source.SourcePacker;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCommandsTest {
  private static final String ONE = "/api/intelligence/functions/v1/functions/" + FUNCTION_ID;
  private static final String REVISION =
      """
      {"revision":"v1","digest":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
       "sizeBytes":2048,"fileCount":3,"createdAt":"2025-01-02T03:04:05Z"}
      """;

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    cli = new CliRunner(home).loggedIn("default", api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void upload_putsATarGz_andPrintsTheRevision() throws Exception {
    api.on("PUT", ONE + "/source", 201, data(REVISION));
    Path src = home.resolve("testing");
    Files.createDirectories(src.resolve("function"));
    Files.writeString(src.resolve("func.yaml"), "name: t");
    Files.writeString(src.resolve("function/func.py"), "x");
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve(".git/HEAD"), "x");

    Result result = cli.run("intelligence", "function", "upload", FUNCTION_ID, src.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("Function source code updated - revision: v1\n");
    FakeApi.Request request = api.only("PUT", ONE + "/source");
    assertThat(request.header("Content-Type")).isEqualTo("application/gzip");
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
    assertThat(names(request.body())).containsExactly("func.yaml", "function/", "function/func.py");
  }

  @Test
  void upload_withIdOption_takesTheDirectoryAsTheOnlyArgument() throws Exception {
    api.on("PUT", ONE + "/source", 201, data(REVISION));
    Path src = Files.createDirectories(home.resolve("testing"));
    Files.writeString(src.resolve("main.go"), "package main");

    Result result =
        cli.run("intelligence", "function", "upload", "--id", FUNCTION_ID, src.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Function source code updated - revision: v1\n");
  }

  @Test
  void upload_missingDirectory_fails() {
    Result result =
        cli.run("intelligence", "function", "upload", FUNCTION_ID, home.resolve("nope").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("is not a directory (not-a-directory)");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void upload_withOnlyAnId_isAUsageError() {
    Result result = cli.run("intelligence", "function", "upload", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("give the function id and the directory");
  }

  @Test
  void download_extractsIntoANewDirectory_andPrintsTheRevision() throws Exception {
    Path src = Files.createDirectories(home.resolve("src"));
    Files.writeString(src.resolve("func.yaml"), "name: t");
    byte[] archive = SourcePacker.pack(src).archive();
    api.onBytes(
        "GET",
        ONE + "/source",
        200,
        archive,
        Map.of("Content-Type", "application/gzip", "X-Fathom-Revision", "v2"));
    Path target = home.resolve("testing");

    Result result =
        cli.run("intelligence", "function", "download", "--id", FUNCTION_ID, target.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo("Function source code downloaded - revision: v2 into " + target + "\n");
    assertThat(Files.readString(target.resolve("func.yaml"))).isEqualTo("name: t");
    FakeApi.Request request = api.only("GET", ONE + "/source");
    assertThat(request.query()).isNull();
    assertThat(request.header("Accept")).startsWith("application/gzip");
  }

  @Test
  void download_withRevision_asksForIt() throws Exception {
    Path src = Files.createDirectories(home.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "a");
    api.onBytes(
        "GET",
        ONE + "/source",
        200,
        SourcePacker.pack(src).archive(),
        Map.of("X-Fathom-Revision", "v1"));

    Result result =
        cli.run(
            "intelligence",
            "function",
            "download",
            FUNCTION_ID,
            home.resolve("t").toString(),
            "--revision",
            "v1");

    assertThat(result.exitCode()).isZero();
    assertThat(api.only("GET", ONE + "/source").query()).isEqualTo("revision=v1");
  }

  @Test
  void download_intoANonEmptyDirectory_isRefusedUnlessForced() throws Exception {
    Path src = Files.createDirectories(home.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "new");
    api.onBytes(
        "GET",
        ONE + "/source",
        200,
        SourcePacker.pack(src).archive(),
        Map.of("X-Fathom-Revision", "v1"));
    Path target = Files.createDirectories(home.resolve("t"));
    Files.writeString(target.resolve("a.txt"), "old");

    Result refused =
        cli.run("intelligence", "function", "download", FUNCTION_ID, target.toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("is not empty: pass --force")
        .contains("(directory-not-empty)");
    assertThat(api.requests()).isEmpty();

    Result forced =
        cli.run("intelligence", "function", "download", FUNCTION_ID, target.toString(), "--force");

    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("new");
  }

  @Test
  void download_unsafeArchive_isRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      TarArchiveEntry entry = new TarArchiveEntry("../../evil.sh", true);
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write('x');
      tar.closeArchiveEntry();
    }
    api.onBytes(
        "GET", ONE + "/source", 200, bytes.toByteArray(), Map.of("X-Fathom-Revision", "v1"));

    Result result =
        cli.run("intelligence", "function", "download", FUNCTION_ID, home.resolve("t").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: refusing archive entry '../../evil.sh': '..' in the path (unsafe-archive)\n");
    assertThat(home.getParent().resolve("evil.sh")).doesNotExist();
  }

  @Test
  void revisions_listsThemWithShortDigests() {
    api.on("GET", ONE + "/revisions", 200, page(REVISION, 1, 1, 1));

    Result result = cli.run("intelligence", "function", "revisions", FUNCTION_ID);

    assertThat(result.out())
        .isEqualTo(
            """
            REVISION   DIGEST                FILES   SIZE      CREATED
            v1         sha256:0123456789ab   3       2.0 KiB   2025-01-02T03:04:05Z
            """);
  }

  private static List<String> names(byte[] archive) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
