package io.fathom.builder.api;

import java.time.Duration;

/**
 * Progress of a build, delivered to the {@code Consumer<BuildEvent>} given to {@link
 * Builder#build}. The library logs nothing itself. Events may come from several threads: the
 * consumer must be thread-safe. Build env values never appear in events.
 */
public sealed interface BuildEvent {

  /** A step began: {@code prepare}, {@code containerize}, … */
  record StepStarted(String step) implements BuildEvent {}

  /** A step ended. */
  record StepFinished(String step, Duration duration) implements BuildEvent {}

  /** A layer is in the image; {@code reused} when it came from the cache unchanged. */
  record LayerReady(BuildResult.Layer layer) implements BuildEvent {}

  /**
   * A message from the image builder (Jib), with its level; or one line a compile step's builder
   * container wrote (the compiler's own messages among them): {@code INFO} for its stdout, {@code
   * WARN} for its stderr, the line as written without its line break.
   */
  record Message(Level level, String text) implements BuildEvent {}

  enum Level {
    ERROR,
    WARN,
    LIFECYCLE,
    PROGRESS,
    INFO,
    DEBUG
  }
}
