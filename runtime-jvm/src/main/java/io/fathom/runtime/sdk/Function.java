package io.fathom.runtime.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A jvm21 function: the class named by {@code entryPoint} in {@code func.yaml} implements this and
 * has a public no-argument constructor.
 *
 * <p>The host creates one instance per process, calls {@link #init(Context)} once before the
 * process reports ready, then calls {@link #handle(JsonNode, Context)} for every call, possibly
 * from several threads at once: keep per-call state in local variables.
 */
public interface Function {

  /**
   * Handles one call.
   *
   * @param input the request body (it already passed the input schema, when there is one)
   * @param context the call's id, deadline, logger and platform settings
   * @return the output: a {@link JsonNode}, record, POJO, {@link java.util.Map}, list, string,
   *     number or {@code null}, serialized with Jackson
   * @throws Exception any failure; the caller gets 500 {@code function-error} with its message.
   *     Past the deadline the calling thread is interrupted: let {@link InterruptedException}
   *     propagate.
   */
  Object handle(JsonNode input, Context context) throws Exception;

  /**
   * Runs once per process before the first call (load models, open clients). An exception stops the
   * process at start-up. The context has no call id and no deadline.
   */
  default void init(Context context) throws Exception {}
}
