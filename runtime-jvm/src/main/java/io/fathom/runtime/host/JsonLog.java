package io.fathom.runtime.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.runtime.sdk.Logger;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes the contract's log records, one JSON line each: {@code
 * {"ts":"2026-11-23T04:00:00.000Z","level":"info","callId":"…","message":"…"}} ({@code callId} left
 * out outside a call). Both the host's own records and the function's context logger go through
 * here.
 */
public final class JsonLog {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final Clock clock;

  public JsonLog(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Writes to the process's stdout. */
  public static JsonLog stdout() {
    return new JsonLog(System.out, Clock.systemUTC());
  }

  /** A logger whose lines carry {@code callId}; {@code null} for lines outside a call. */
  public Logger forCall(String callId) {
    return new Logger() {
      @Override
      public void info(String message) {
        write("info", callId, message);
      }

      @Override
      public void warn(String message) {
        write("warn", callId, message);
      }

      @Override
      public void error(String message) {
        write("error", callId, message);
      }
    };
  }

  /** The host's own records, outside any call. */
  public Logger host() {
    return forCall(null);
  }

  private void write(String level, String callId, String message) {
    ObjectNode record = JSON.createObjectNode();
    record.put("ts", TS.format(clock.instant()));
    record.put("level", level);
    if (callId != null) {
      record.put("callId", callId);
    }
    record.put("message", message == null ? "null" : message);
    String line;
    try {
      line = JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a log record", e);
    }
    synchronized (out) {
      out.print(line + "\n");
      out.flush();
    }
  }
}
