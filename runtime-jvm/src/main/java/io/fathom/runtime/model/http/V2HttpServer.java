package io.fathom.runtime.model.http;

import io.fathom.runtime.model.v2.V2Handler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The model server's HTTP/1.1 server (Netty): one event loop per CPU reads requests, answers health
 * and metadata, parses inference requests and writes replies ({@link V2ChannelHandler}); models run
 * on the inference threads ({@code V2Routes}). Keep-alive, pipelining (answers in request order)
 * and {@code Expect: 100-continue} work as HTTP/1.1 clients expect; a body over {@code
 * maxBodyBytes} is refused with 413 before it is read. The event loop threads are not daemons: they
 * keep the process alive after {@code main} returns, until {@link #close()}.
 */
public final class V2HttpServer implements AutoCloseable {
  private final EventLoopGroup loops;
  private final Channel listening;

  private V2HttpServer(EventLoopGroup loops, Channel listening) {
    this.loops = loops;
    this.listening = listening;
  }

  /** Listens on {@code port} (0: a free one) and serves {@code routes}. */
  public static V2HttpServer start(int port, V2Handler routes, long maxBodyBytes) {
    int threads = Runtime.getRuntime().availableProcessors();
    EventLoopGroup loops =
        new MultiThreadIoEventLoopGroup(
            threads,
            Thread.ofPlatform().name("fathom-http-", 0).factory(),
            NioIoHandler.newFactory());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new BodyLimit(maxBodyBytes))
                        .addLast(new V2ChannelHandler(routes));
                  }
                });
    try {
      Channel listening = bootstrap.bind(new InetSocketAddress(port)).sync().channel();
      return new V2HttpServer(loops, listening);
    } catch (Exception e) {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new UncheckedIOException(
          "cannot listen on port " + port,
          e instanceof java.io.IOException io ? io : new BindException(e.toString()));
    }
  }

  public int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    listening.close().awaitUninterruptibly();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
