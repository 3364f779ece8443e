package io.fathom.builder.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The warm Maven: a JVM that runs one jvm21 compile step after another, so that Maven's core, the
 * JDK's compiler and the JIT's work are paid once per container instead of once per build (what
 * mvnd and the Gradle daemon do). It runs <em>inside</em> a jvm21 builder container, never on the
 * host: {@code warm-maven.sh} starts it through Maven's own launcher (plexus-classworlds) with a
 * copy of {@code bin/m2.conf} whose {@code main is} line names this class, so Maven's core realm is
 * exactly the one {@code mvn} sets up; each build is {@code new MavenCli(classWorld).doMain(args,
 * projectDir, out, err)} (by reflection: this class compiles against the JDK alone, and its {@code
 * .class} file is all the builder mounts into the container).
 *
 * <p>It connects to the builder's Unix socket (the one argument) and serves requests in turn:
 * {@link #MAGIC}, the Maven arguments, then the source tree, which replaces {@link #PROJECT} (so
 * every build is a clean one, as a cold {@code compile.sh}: the same paths, settings and goals).
 * Replies: Maven's output as lines ({@link #STDERR} for {@code [ERROR]} lines and the daemon's own
 * {@code fathom:} lines, {@link #STDOUT} for the rest, as {@code compile.sh} splits them), then
 * {@link #RESULT} with Maven's exit code and, after success, {@code target/classes} and the copied
 * dependencies as {@code classes/…} and {@code lib/…} entries; {@link #FAILURE} when the daemon
 * itself could not do its part. Entries: {@link #DIR} path; {@link #FILE} path, mode, modification
 * time, size, bytes; {@link #LINK} path (a link or special file, sent by name only); {@link #END}.
 *
 * <p>One class with no nested classes (it is its own line sink: an {@link OutputStream} that sends
 * each line as it is complete), because its class file alone is mounted.
 */
public final class MavenDaemon extends OutputStream {
  /** Starts every request ("FWM1"). */
  public static final int MAGIC = 0x46574d31;

  public static final byte DIR = 'D';
  public static final byte FILE = 'F';
  public static final byte LINK = 'L';
  public static final byte END = 'E';
  public static final byte STDOUT = 'O';
  public static final byte STDERR = 'W';
  public static final byte RESULT = 'R';
  public static final byte FAILURE = 'X';

  /** The container paths compile.sh uses: a warm build is the same build as a cold one. */
  public static final String WORK = "/fathom/workspace/build";

  public static final String PROJECT = WORK + "/project";
  public static final String LIB = WORK + "/lib";

  /** Longest line sent (characters); writeUTF takes at most 64 KiB. */
  static final int MAX_LINE = 8000;

  private static final Pattern ARTIFACT_ID = Pattern.compile(".*<artifactId>(.*)</artifactId>.*");

  private final DataOutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean open = true;

  private MavenDaemon(DataOutputStream out) {
    this.out = out;
  }

  /** {@code args[0]}: the builder's socket. Returns when the builder closes the connection. */
  public static void main(String[] args) throws Exception {
    ClassLoader realm = MavenDaemon.class.getClassLoader();
    Object world = realm.getClass().getMethod("getWorld").invoke(realm);
    Class<?> cli = realm.loadClass("org.apache.maven.cli.MavenCli");
    Constructor<?> newCli = cli.getConstructor(world.getClass());
    Method doMain =
        cli.getMethod("doMain", String[].class, String.class, PrintStream.class, PrintStream.class);
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
      for (int build = 1; ; build++) {
        int magic;
        try {
          magic = in.readInt();
        } catch (EOFException closed) {
          return;
        }
        if (magic != MAGIC) {
          throw new IOException("not a warm Maven request: " + Integer.toHexString(magic));
        }
        serve(in, out, build, world, newCli, doMain);
        out.flush();
      }
    }
  }

  private static void serve(
      DataInputStream in,
      DataOutputStream out,
      int build,
      Object world,
      Constructor<?> newCli,
      Method doMain)
      throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 1000) {
      throw new IOException("bad argument count " + count);
    }
    List<String> args = new ArrayList<>(mavenArgsVariable());
    for (int i = 0; i < count; i++) {
      args.add(in.readUTF());
    }
    Path project = Path.of(PROJECT);
    Path lib = Path.of(LIB);
    String failure = null;
    try {
      emptyDirectory(project);
      deleteTree(lib);
    } catch (IOException e) {
      failure = "cannot clear the workspace: " + e;
    }
    // The source arrives whatever happened: the stream stays in step.
    failure = readTree(in, project, failure);
    if (failure != null) {
      sendFailure(out, failure);
      return;
    }
    MavenDaemon sink = new MavenDaemon(out);
    sink.send(
        STDERR,
        "fathom: building "
            + artifactId(project.resolve("pom.xml"))
            + " with Maven "
            + mavenVersion()
            + " on Java "
            + System.getProperty("java.version")
            + " from "
            + mirrorName()
            + " (warm Maven, build "
            + build
            + " of this daemon)");
    PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
    Properties saved = (Properties) System.getProperties().clone();
    int code;
    try {
      System.setProperty("maven.multiModuleProjectDirectory", PROJECT);
      Object cli = newCli.newInstance(world);
      code = (Integer) doMain.invoke(cli, args.toArray(String[]::new), PROJECT, stream, stream);
    } catch (InvocationTargetException e) {
      stream.flush();
      sink.finish();
      sendFailure(out, "Maven threw " + e.getCause());
      return;
    } catch (ReflectiveOperationException | RuntimeException e) {
      sink.finish();
      sendFailure(out, "cannot run Maven: " + e);
      return;
    } finally {
      System.setProperties(saved);
    }
    stream.flush();
    sink.finish();
    if (code != 0) {
      sink.send(STDERR, "fathom: mvn package failed (exit " + code + ")");
      out.writeByte(RESULT);
      out.writeInt(code);
      return;
    }
    Path classes = project.resolve("target/classes");
    Files.createDirectories(classes);
    Files.createDirectories(lib);
    sink.send(
        STDERR,
        "fathom: built "
            + countFiles(classes, ".class")
            + " classes and "
            + countFiles(lib, ".jar")
            + " dependency jars");
    out.writeByte(RESULT);
    out.writeInt(0);
    writeTree(out, "classes", classes);
    writeTree(out, "lib", lib);
    out.writeByte(END);
  }

  // ---- the line sink (System.out and System.err of a build) ----

  @Override
  public synchronized void write(int b) throws IOException {
    if (!open) {
      return;
    }
    if (b == '\n') {
      sendLine();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Sends what is left of the last line, then drops whatever a stray thread writes later. */
  private synchronized void finish() throws IOException {
    if (open && line.size() > 0) {
      sendLine();
    }
    open = false;
  }

  private void sendLine() throws IOException {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    send(text.startsWith("[ERROR]") ? STDERR : STDOUT, text);
  }

  private void send(byte stream, String text) throws IOException {
    synchronized (out) {
      out.writeByte(stream);
      out.writeUTF(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) : text);
      out.flush();
    }
  }

  private static void sendFailure(DataOutputStream out, String message) throws IOException {
    out.writeByte(FAILURE);
    out.writeUTF(message.length() > MAX_LINE ? message.substring(0, MAX_LINE) : message);
  }

  // ---- trees ----

  /** Reads entries up to END into {@code root}; returns the first failure (the stream is read). */
  private static String readTree(DataInputStream in, Path root, String failure) throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (true) {
      byte kind = in.readByte();
      if (kind == END) {
        return failure;
      }
      String path = in.readUTF();
      Path to = root.resolve(path).normalize();
      boolean inside = !path.isEmpty() && !path.startsWith("/") && to.startsWith(root);
      if (failure == null && !inside) {
        failure = "bad path in the source: " + path;
      }
      if (kind == DIR) {
        if (failure == null) {
          Files.createDirectories(to);
        }
      } else if (kind == FILE) {
        int mode = in.readInt();
        long time = in.readLong();
        long size = in.readLong();
        OutputStream file = null;
        if (failure == null) {
          Files.createDirectories(to.getParent());
          file = Files.newOutputStream(to);
        }
        try {
          for (long left = size; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
              throw new EOFException();
            }
            if (file != null) {
              file.write(buffer, 0, n);
            }
            left -= n;
          }
        } finally {
          if (file != null) {
            file.close();
          }
        }
        if (failure == null) {
          Files.setPosixFilePermissions(to, permissions(mode));
          Files.setLastModifiedTime(to, FileTime.fromMillis(time));
        }
      } else {
        throw new IOException("bad entry kind " + kind);
      }
    }
  }

  private static void writeTree(DataOutputStream out, String prefix, Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(p -> !p.equals(root)).sorted().toList();
    }
    for (Path path : paths) {
      String name = prefix + "/" + root.relativize(path).toString();
      if (Files.isSymbolicLink(path)) {
        out.writeByte(LINK);
        out.writeUTF(name);
      } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        out.writeByte(DIR);
        out.writeUTF(name);
      } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        out.writeByte(FILE);
        out.writeUTF(name);
        out.writeInt(mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
        out.writeLong(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis());
        out.writeLong(Files.size(path));
        try (InputStream file = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
          file.transferTo(out);
        }
      } else {
        out.writeByte(LINK);
        out.writeUTF(name);
      }
    }
  }

  private static void emptyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        deleteTree(child);
      }
    }
  }

  private static void deleteTree(Path tree) throws IOException {
    if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static long countFiles(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).count();
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int i = 0; i < all.length; i++) {
      if ((mode & (1 << (all.length - 1 - i))) != 0) {
        set.add(all[i]);
      }
    }
    return set;
  }

  static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < all.length; i++) {
      if (permissions.contains(all[i])) {
        mode |= 1 << (all.length - 1 - i);
      }
    }
    return mode;
  }

  // ---- what compile.sh prints and reads ----

  /** {@code MAVEN_ARGS}, word-split, as the {@code mvn} script puts it before its arguments. */
  private static List<String> mavenArgsVariable() {
    String value = System.getenv("MAVEN_ARGS");
    return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static String artifactId(Path pom) {
    try {
      for (String text : Files.readAllLines(pom, StandardCharsets.ISO_8859_1)) {
        Matcher m = ARTIFACT_ID.matcher(text);
        if (m.matches()) {
          String id = m.group(1);
          return id.substring(id.lastIndexOf('/') + 1);
        }
      }
    } catch (IOException e) {
      // the banner only
    }
    return "";
  }

  private static String mavenVersion() {
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("maven.home"), "lib"))) {
      return jars.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("maven-core-") && n.endsWith(".jar"))
          .map(n -> n.substring("maven-core-".length(), n.length() - ".jar".length()))
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String mirrorName() {
    String url = System.getenv("MAVEN_MIRROR_URL");
    return url == null || url.isEmpty() || url.equals("file:///fathom/mirror")
        ? "the file mirror"
        : url;
  }
}
