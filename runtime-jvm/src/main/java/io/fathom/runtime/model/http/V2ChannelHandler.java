package io.fathom.runtime.model.http;

import io.fathom.runtime.model.v2.V2Handler;
import io.fathom.runtime.model.v2.V2HttpRequest;
import io.fathom.runtime.model.v2.V2Replies;
import io.fathom.runtime.model.v2.V2Reply;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's requests: hands each to {@link V2Handler} and writes the replies in the order
 * the requests came (HTTP/1.1 pipelining), whichever finishes first. All state is touched only on
 * the connection's event loop.
 */
final class V2ChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Requests read ahead of their answers before the connection stops reading. */
  private static final int MAX_PENDING = 16;

  private final V2Handler routes;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  /** A request whose reply is on its way. */
  private record Pending(CompletableFuture<V2Reply> reply, boolean keepAlive, boolean head) {}

  V2ChannelHandler(V2Handler routes) {
    this.routes = routes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      V2Reply reply = V2Replies.error(400, "malformed HTTP request: " + cause.getMessage());
      ctx.writeAndFlush(response(reply, false)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    V2HttpRequest v2 =
        new V2HttpRequest(
            request.method().name(),
            new QueryStringDecoder(request.uri()).path(),
            request.headers()::get,
            ByteBufUtil.getBytes(request.content()));
    CompletableFuture<V2Reply> reply = routes.handle(v2, ctx.executor());
    pending.add(
        new Pending(reply, HttpUtil.isKeepAlive(request), request.method() == HttpMethod.HEAD));
    if (reply.isDone()) {
      writeReady(ctx);
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      ctx.channel().config().setAutoRead(false);
    }
    reply.whenComplete(
        (r, e) -> {
          if (ctx.executor().inEventLoop()) {
            writeReady(ctx);
          } else {
            ctx.executor().execute(() -> writeReady(ctx));
          }
        });
  }

  /** Writes the replies at the head of the queue that are done; stops at the first that is not. */
  private void writeReady(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!pending.isEmpty() && pending.peek().reply().isDone()) {
      Pending next = pending.poll();
      FullHttpResponse response = response(next.reply().join(), next.head());
      HttpUtil.setKeepAlive(response, next.keepAlive());
      if (!next.keepAlive()) {
        pending.clear();
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ctx.write(response, ctx.voidPromise());
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
    if (pending.size() < MAX_PENDING && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** The Netty response for {@code reply}; for HEAD, the headers only. */
  static FullHttpResponse response(V2Reply reply, boolean head) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.length());
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      response.headers().set(header.getKey(), header.getValue());
    }
    return response;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or broken connection: nothing to answer on it.
    ctx.close();
  }
}
