package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One warm Maven: a jvm21 builder container running {@link MavenDaemon}, and the builder's end of
 * its socket. The builder <em>listens</em> on a Unix socket in a host directory of its own, mounted
 * read-only at {@code /fathom/warm} beside {@code MavenDaemon.class}; the daemon connects (the
 * container keeps {@code --network=none}). Nothing the build can write is ever read on the host but
 * through the socket: no path the container controls is followed here. Used by one build at a time
 * ({@link WarmMaven} sees to it).
 */
final class WarmMavenContainer implements AutoCloseable {
  static final String MOUNT = "/fathom/warm";
  private static final String SOCKET = "host.sock";
  private static final String DAEMON_CLASS = "io/fathom/builder/internal/MavenDaemon.class";

  private final CompileRunner runner;
  private final String id;
  private final Path dir;
  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  private int builds;

  private WarmMavenContainer(CompileRunner runner, String id, Path dir, SocketChannel channel) {
    this.runner = runner;
    this.id = id;
    this.dir = dir;
    this.channel = channel;
    this.in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
    this.out =
        new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
  }

  /**
   * Starts the container ({@code spec} plus the {@value #MOUNT} mount) and waits for its daemon to
   * connect.
   *
   * @throws MavenDaemonWire.DaemonException the daemon did not connect in time, or its container
   *     ended first (its last log lines in the message)
   * @throws BuildException {@code builder-image-missing}, {@code builder-unavailable}
   */
  static WarmMavenContainer start(CompileRunner runner, CompileRunner.Spec spec, Duration timeout)
      throws BuildException, MavenDaemonWire.DaemonException, InterruptedException {
    Path dir;
    ServerSocketChannel server;
    try {
      // A temporary directory: a short path (a socket's is at most 107 bytes), the builder's own.
      dir = Files.createTempDirectory("fathom-warm-maven-");
      Path daemon = dir.resolve("daemon").resolve(DAEMON_CLASS);
      Files.createDirectories(daemon.getParent());
      try (InputStream bytes =
          MavenDaemon.class.getClassLoader().getResourceAsStream(DAEMON_CLASS)) {
        if (bytes == null) {
          throw new IllegalStateException("the builder jar has no " + DAEMON_CLASS);
        }
        Files.copy(bytes, daemon);
      }
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(dir.resolve(SOCKET)));
    } catch (IOException e) {
      throw new MavenDaemonWire.DaemonException("cannot prepare its socket: " + e.getMessage(), e);
    }
    List<CompileRunner.Mount> mounts = new ArrayList<>(spec.mounts());
    mounts.add(new CompileRunner.Mount(dir.toString(), MOUNT, true));
    String id;
    try {
      id =
          runner.start(
              new CompileRunner.Spec(
                  spec.image(),
                  spec.command(),
                  spec.env(),
                  mounts,
                  spec.network(),
                  spec.limits(),
                  spec.labels()));
    } catch (BuildException | RuntimeException e) {
      closeQuietly(server);
      Keys.deleteQuietly(dir);
      throw e;
    }
    try {
      SocketChannel channel = accept(runner, id, server, timeout);
      return new WarmMavenContainer(runner, id, dir, channel);
    } catch (MavenDaemonWire.DaemonException | InterruptedException | RuntimeException e) {
      runner.remove(id);
      Keys.deleteQuietly(dir);
      throw e;
    } finally {
      closeQuietly(server); // one connection only
    }
  }

  private static SocketChannel accept(
      CompileRunner runner, String id, ServerSocketChannel server, Duration timeout)
      throws MavenDaemonWire.DaemonException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextCheck = System.nanoTime();
    try {
      server.configureBlocking(false);
      while (true) {
        SocketChannel channel = server.accept();
        if (channel != null) {
          channel.configureBlocking(true);
          return channel;
        }
        long now = System.nanoTime();
        if (now - deadline > 0) {
          throw new MavenDaemonWire.DaemonException(
              "its daemon did not connect within " + timeout.toSeconds() + " s");
        }
        if (now - nextCheck > 0) {
          nextCheck = now + 500_000_000L;
          if (!runner.running(id)) {
            String tail = runner.logTail(id, 20);
            throw new MavenDaemonWire.DaemonException(
                "its container ended before the daemon connected"
                    + (tail.isBlank() ? "" : ":\n" + tail));
          }
        }
        Thread.sleep(10);
      }
    } catch (IOException e) {
      throw new MavenDaemonWire.DaemonException("its socket failed: " + e.getMessage(), e);
    }
  }

  /** The container's short id (12 hex digits), as {@code docker ps} shows it. */
  String name() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /** Builds this daemon has been asked to run, this one included once it started. */
  int builds() {
    return builds;
  }

  /**
   * One build: see {@link MavenDaemonWire}. An {@link IOException} or {@link
   * MavenDaemonWire.DaemonException} means the daemon is no longer usable.
   */
  int build(List<String> args, StagedTree source, Path outDir, CompileRunner.Output output)
      throws IOException, MavenDaemonWire.DaemonException, BuildException {
    builds++;
    MavenDaemonWire.writeRequest(out, args, source);
    return MavenDaemonWire.readReply(in, output, outDir);
  }

  /** Breaks off a build in progress from another thread: its reads and writes fail at once. */
  void abort() {
    closeQuietly(channel);
  }

  /** Closes the socket (the daemon exits) and kills and removes the container. */
  @Override
  public void close() {
    closeQuietly(channel);
    runner.remove(id);
    Keys.deleteQuietly(dir);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
