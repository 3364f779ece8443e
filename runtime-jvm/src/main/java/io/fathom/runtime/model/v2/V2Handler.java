package io.fathom.runtime.model.v2;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** What the HTTP server hands each request to ({@link V2Routes}; a fake in the server's tests). */
@FunctionalInterface
public interface V2Handler {
  /**
   * Answers {@code request}; the future completes with a reply, never with an exception. Work that
   * belongs to the connection's thread after an asynchronous step runs on {@code connection}.
   */
  CompletableFuture<V2Reply> handle(V2HttpRequest request, Executor connection);
}
