package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The builder's end of {@link MavenDaemon}'s protocol: one request (the Maven arguments and the
 * staged source, without its top-level {@code target/} and {@code .git}, as {@code compile.sh}'s
 * copy) and its reply (output lines, the exit code, after success {@code classes/} and {@code lib/}
 * written into a fresh host directory). What the daemon sends is untrusted (the build's own code
 * runs in its JVM): lines and sizes are bounded, output paths must stay under {@code classes/} and
 * {@code lib/}, files are created new (never through an existing path), and links are refused as
 * the cold path's staging refuses them.
 */
final class MavenDaemonWire {
  /** The most output a build may send back (the cold step's output is not larger in practice). */
  static final long MAX_OUTPUT_BYTES = 4L << 30;

  static final int MAX_OUTPUT_ENTRIES = 500_000;

  private static final Pattern OUTPUT_PATH = Pattern.compile("(classes|lib)(/[^/\\x00]+)*");

  private MavenDaemonWire() {}

  /** The daemon broke the protocol or reported a failure of its own: do not use it again. */
  static final class DaemonException extends Exception {
    DaemonException(String message) {
      super(message);
    }

    DaemonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Whether compile.sh's copy leaves the path out ({@code tar --exclude=./target
   * --exclude=./.git}).
   */
  static boolean excluded(String path) {
    for (String top : new String[] {"target", ".git"}) {
      if (path.equals(top) || path.startsWith(top + "/")) {
        return true;
      }
    }
    return false;
  }

  static void writeRequest(DataOutputStream out, List<String> args, StagedTree source)
      throws IOException {
    out.writeInt(MavenDaemon.MAGIC);
    out.writeInt(args.size());
    for (String arg : args) {
      out.writeUTF(arg);
    }
    for (StagedTree.Entry entry : source.entries()) {
      if (excluded(entry.path())) {
        continue;
      }
      Path file = source.root().resolve(entry.path());
      if (entry.directory()) {
        out.writeByte(MavenDaemon.DIR);
        out.writeUTF(entry.path());
      } else {
        out.writeByte(MavenDaemon.FILE);
        out.writeUTF(entry.path());
        out.writeInt(
            MavenDaemon.mode(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
        out.writeLong(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis());
        out.writeLong(Files.size(file));
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
          in.transferTo(out);
        }
      }
    }
    out.writeByte(MavenDaemon.END);
    out.flush();
  }

  /**
   * Reads one reply: each line to {@code output} ({@code stdout}/{@code stderr}), then the exit
   * code; after success the output is in {@code outDir/classes} and {@code outDir/lib}.
   *
   * @throws BuildException {@code invalid-source} when the output holds a link or special file (the
   *     reply was read to its end: the daemon can serve the next build)
   */
  static int readReply(DataInputStream in, CompileRunner.Output output, Path outDir)
      throws IOException, DaemonException, BuildException {
    while (true) {
      byte kind = in.readByte();
      switch (kind) {
        case MavenDaemon.STDOUT -> output.line("stdout", in.readUTF());
        case MavenDaemon.STDERR -> output.line("stderr", in.readUTF());
        case MavenDaemon.FAILURE -> throw new DaemonException(in.readUTF());
        case MavenDaemon.RESULT -> {
          int code = in.readInt();
          if (code == 0) {
            readOutput(in, outDir);
          }
          return code;
        }
        default -> throw new DaemonException("unexpected reply byte " + kind);
      }
    }
  }

  private static void readOutput(DataInputStream in, Path outDir)
      throws IOException, DaemonException, BuildException {
    Files.createDirectories(outDir.resolve("classes"));
    Files.createDirectories(outDir.resolve("lib"));
    String link = null;
    long bytes = 0;
    byte[] buffer = new byte[1 << 16];
    for (int entries = 0; ; entries++) {
      byte kind = in.readByte();
      if (kind == MavenDaemon.END) {
        break;
      }
      if (entries >= MAX_OUTPUT_ENTRIES) {
        throw new DaemonException("more than " + MAX_OUTPUT_ENTRIES + " output entries");
      }
      String path = checked(in.readUTF());
      Path to = outDir.resolve(path);
      switch (kind) {
        case MavenDaemon.DIR -> Files.createDirectories(to);
        case MavenDaemon.LINK -> link = link == null ? path : link;
        case MavenDaemon.FILE -> {
          int mode = in.readInt();
          long time = in.readLong();
          long size = in.readLong();
          bytes += size;
          if (size < 0 || bytes > MAX_OUTPUT_BYTES) {
            throw new DaemonException("output larger than " + MAX_OUTPUT_BYTES + " bytes");
          }
          Files.createDirectories(to.getParent());
          try (OutputStream file =
              Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
              int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
              if (n < 0) {
                throw new EOFException("output file cut short: " + path);
              }
              file.write(buffer, 0, n);
              left -= n;
            }
          }
          // Readable and writable by the builder whatever the daemon says; the rest as sent.
          Files.setPosixFilePermissions(to, MavenDaemon.permissions((mode & 0777) | 0600));
          Files.setLastModifiedTime(to, FileTime.fromMillis(time));
        }
        default -> throw new DaemonException("unexpected output entry " + kind);
      }
    }
    if (link != null) {
      throw new BuildException(
          "invalid-source", "The compile output holds a link or special file: " + link);
    }
  }

  private static String checked(String path) throws DaemonException {
    boolean ok = path.length() < 4096 && OUTPUT_PATH.matcher(path).matches();
    for (String part : path.split("/")) {
      ok &= !part.equals(".") && !part.equals("..");
    }
    if (!ok) {
      throw new DaemonException("bad output path " + path);
    }
    return path;
  }
}
