package io.fathom.runner;

/** A live log follow; closing it stops delivery. */
public interface LogSubscription extends AutoCloseable {
  @Override
  void close();
}
