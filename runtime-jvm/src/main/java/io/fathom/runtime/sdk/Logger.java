package io.fathom.runtime.sdk;

/**
 * Writes one JSON line per record on stdout: {@code {"ts","level","callId","message"}}, so the
 * platform can tie the line to its call. Safe to use from any thread.
 */
public interface Logger {

  void info(String message);

  void warn(String message);

  void error(String message);
}
