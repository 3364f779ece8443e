package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.BuildException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's end of the warm Maven protocol, fed replies a daemon could send (the build's own
 * code runs in the daemon, so they are untrusted): no Docker needed.
 */
class MavenDaemonWireTest {
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();

  private int read(byte[] reply, Path out) throws Exception {
    return MavenDaemonWire.readReply(
        new DataInputStream(new ByteArrayInputStream(reply)),
        (s, l) -> lines.add(s + ":" + l),
        out);
  }

  private static final class Reply {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream out = new DataOutputStream(bytes);

    Reply line(byte stream, String text) throws Exception {
      out.writeByte(stream);
      out.writeUTF(text);
      return this;
    }

    Reply result(int code) throws Exception {
      out.writeByte(MavenDaemon.RESULT);
      out.writeInt(code);
      return this;
    }

    Reply dir(String path) throws Exception {
      out.writeByte(MavenDaemon.DIR);
      out.writeUTF(path);
      return this;
    }

    Reply file(String path, int mode, String content) throws Exception {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      out.writeByte(MavenDaemon.FILE);
      out.writeUTF(path);
      out.writeInt(mode);
      out.writeLong(1000);
      out.writeLong(data.length);
      out.write(data);
      return this;
    }

    Reply link(String path) throws Exception {
      out.writeByte(MavenDaemon.LINK);
      out.writeUTF(path);
      return this;
    }

    byte[] end() throws Exception {
      out.writeByte(MavenDaemon.END);
      return bytes.toByteArray();
    }
  }

  @Test
  void success_linesThenTheOutputUnderClassesAndLib_modesKept() throws Exception {
    Path out = dir.resolve("out");
    byte[] reply =
        new Reply()
            .line(MavenDaemon.STDOUT, "[INFO] BUILD SUCCESS")
            .line(MavenDaemon.STDERR, "fathom: built 1 classes and 1 dependency jars")
            .result(0)
            .dir("classes/com")
            .file("classes/com/A.class", 0644, "cafebabe")
            .file("lib/run.sh", 0755, "#!/bin/sh")
            .end();

    assertThat(read(reply, out)).isZero();
    assertThat(lines)
        .containsExactly(
            "stdout:[INFO] BUILD SUCCESS", "stderr:fathom: built 1 classes and 1 dependency jars");
    assertThat(out.resolve("classes/com/A.class")).hasContent("cafebabe");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("lib/run.sh"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.isExecutable(out.resolve("classes/com/A.class"))).isFalse();
  }

  @Test
  void failedBuild_isItsExitCode_withNoOutput() throws Exception {
    Path out = dir.resolve("out");
    byte[] reply =
        new Reply().line(MavenDaemon.STDERR, "[ERROR] cannot find symbol").result(1).end();
    assertThat(read(reply, out)).isEqualTo(1);
    assertThat(lines).containsExactly("stderr:[ERROR] cannot find symbol");
    assertThat(out).doesNotExist();
  }

  @Test
  void outputPathsOutsideClassesAndLib_areAProtocolError() throws Exception {
    for (String bad :
        List.of(
            "../x",
            "classes/../../etc/passwd",
            "/etc/passwd",
            "other/a",
            "classes//a",
            "lib/./a")) {
      Path out = Files.createTempDirectory(dir, "out");
      byte[] reply = new Reply().result(0).file(bad, 0644, "x").end();
      assertThatThrownBy(() -> read(reply, out))
          .as(bad)
          .isInstanceOf(MavenDaemonWire.DaemonException.class)
          .hasMessageContaining("bad output path");
    }
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void sameFileTwice_isRefused_neverOverwritten() throws Exception {
    Path out = dir.resolve("out");
    byte[] reply =
        new Reply().result(0).file("lib/a.jar", 0644, "one").file("lib/a.jar", 0644, "two").end();
    assertThatThrownBy(() -> read(reply, out))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(out.resolve("lib/a.jar")).hasContent("one");
  }

  @Test
  void aLinkInTheOutput_isInvalidSource_afterTheWholeReplyWasRead() throws Exception {
    Path out = dir.resolve("out");
    byte[] reply =
        new Reply().result(0).link("classes/secret").file("classes/B.class", 0644, "b").end();
    ByteArrayInputStream in = new ByteArrayInputStream(reply);
    assertThatThrownBy(() -> MavenDaemonWire.readReply(new DataInputStream(in), (s, l) -> {}, out))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("invalid-source"))
        .hasMessageContaining("classes/secret");
    assertThat(in.available()).as("the reply was read to its end").isZero();
  }

  @Test
  void daemonFailureAndUnknownBytes_areDaemonExceptions() throws Exception {
    Reply failure = new Reply();
    failure.out.writeByte(MavenDaemon.FAILURE);
    failure.out.writeUTF("cannot clear the workspace");
    assertThatThrownBy(() -> read(failure.bytes.toByteArray(), dir.resolve("a")))
        .isInstanceOf(MavenDaemonWire.DaemonException.class)
        .hasMessage("cannot clear the workspace");
    assertThatThrownBy(() -> read(new byte[] {'?'}, dir.resolve("b")))
        .isInstanceOf(MavenDaemonWire.DaemonException.class);
    assertThatThrownBy(() -> read(new byte[] {}, dir.resolve("c")))
        .isInstanceOf(java.io.EOFException.class);
  }

  @Test
  void request_carriesArgsAndTheTree_withoutTopLevelTargetAndGit() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("pom.xml"), "<project/>");
    Files.createDirectories(src.resolve("target/classes"));
    Files.writeString(src.resolve("target/classes/Old.class"), "old");
    Files.createDirectories(src.resolve(".git"));
    Files.writeString(src.resolve(".git/HEAD"), "ref");
    Files.createDirectories(src.resolve("src/main/target"));
    Files.writeString(src.resolve("src/main/target/Kept.java"), "class Kept {}");
    StagedTree staged = new TreeStager(dir.resolve("staged")).stage(src);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MavenDaemonWire.writeRequest(new DataOutputStream(bytes), List.of("-B", "package"), staged);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(in.readInt()).isEqualTo(MavenDaemon.MAGIC);
    assertThat(in.readInt()).isEqualTo(2);
    assertThat(List.of(in.readUTF(), in.readUTF())).containsExactly("-B", "package");
    List<String> paths = new ArrayList<>();
    for (byte kind = in.readByte(); kind != MavenDaemon.END; kind = in.readByte()) {
      paths.add(in.readUTF());
      if (kind == MavenDaemon.FILE) {
        in.readInt();
        in.readLong();
        in.skipNBytes(in.readLong());
      }
    }
    assertThat(paths)
        .containsExactly(
            "pom.xml", "src", "src/main", "src/main/target", "src/main/target/Kept.java");
  }

  @Test
  void modes_roundTrip() {
    for (int mode : new int[] {0, 0644, 0755, 0600, 0777, 0640}) {
      assertThat(MavenDaemon.mode(MavenDaemon.permissions(mode))).isEqualTo(mode);
    }
    assertThat(PosixFilePermissions.toString(MavenDaemon.permissions(0754))).isEqualTo("rwxr-xr--");
  }

  @Test
  void theDaemon_isOneClassFile_withNoNestedClasses() {
    // Its .class file alone is mounted into the warm container.
    assertThat(MavenDaemon.class.getDeclaredClasses()).isEmpty();
    assertThat(
            MavenDaemon.class
                .getClassLoader()
                .getResource("io/fathom/builder/internal/MavenDaemon$1.class"))
        .isNull();
    assertThat(
            MavenDaemon.class
                .getClassLoader()
                .getResource("io/fathom/builder/internal/MavenDaemon.class"))
        .isNotNull();
  }
}
