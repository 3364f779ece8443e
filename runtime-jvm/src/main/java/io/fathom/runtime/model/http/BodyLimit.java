package io.fathom.runtime.model.http;

import io.fathom.runtime.model.v2.V2Replies;
import io.fathom.runtime.model.v2.V2Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Reads a request's whole body, up to {@code FATHOM_MAX_BODY_BYTES}. A larger one (by its {@code
 * Content-Length}, or as it arrives) is answered 413 with the V2 error shape, and the connection
 * closed: the rest of the body is never read.
 */
final class BodyLimit extends HttpObjectAggregator {
  private final long maxBodyBytes;

  BodyLimit(long maxBodyBytes) {
    super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    V2Reply reply =
        V2Replies.error(
            413,
            "the request body is larger than "
                + maxBodyBytes
                + " bytes (FATHOM_MAX_BODY_BYTES); send smaller batches");
    FullHttpResponse response = V2ChannelHandler.response(reply, false);
    HttpUtil.setKeepAlive(response, false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
