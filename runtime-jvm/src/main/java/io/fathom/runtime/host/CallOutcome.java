package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;

/** How one call ended, as {@link CallRunner} saw it. */
sealed interface CallOutcome {

  /** The function returned; {@code output} is its value as JSON. */
  record Returned(JsonNode output) implements CallOutcome {}

  /** The function threw (or its value could not be written as JSON). */
  record Failed(Throwable error) implements CallOutcome {}

  /** The deadline passed first; the call's thread was interrupted. */
  record TimedOut(String reason) implements CallOutcome {}
}
