package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A compile step's output: every line becomes an event (stderr as {@code WARN}, stdout as {@code
 * INFO}), and the last stderr lines are kept for the failure message ({@code compile-failed}
 * carries the compiler's own words).
 */
final class CompileOutput implements CompileRunner.Output {
  static final int TAIL_LINES = 30;

  private final Consumer<BuildEvent> events;
  private final Deque<String> stderrTail = new ArrayDeque<>();

  CompileOutput(Consumer<BuildEvent> events) {
    this.events = events;
  }

  @Override
  public void line(String stream, String line) {
    boolean err = stream.equals("stderr");
    if (err) {
      synchronized (stderrTail) {
        stderrTail.addLast(line);
        if (stderrTail.size() > TAIL_LINES) {
          stderrTail.removeFirst();
        }
      }
    }
    events.accept(
        new BuildEvent.Message(err ? BuildEvent.Level.WARN : BuildEvent.Level.INFO, line));
  }

  /** The last stderr lines, joined by newlines (empty when there were none). */
  String tail() {
    synchronized (stderrTail) {
      return String.join("\n", stderrTail);
    }
  }
}
