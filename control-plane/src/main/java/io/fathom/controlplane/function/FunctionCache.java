package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.tenancy.ProjectScope;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Functions for the call path, read from the database at most every {@link #TTL} per function: a
 * sync call needs the function's schemas and timeout, and reading its row on every call costs a
 * query. {@link FunctionService} forgets a function here when it updates or deletes it, so this
 * process sees its own changes at once; a change made by another control plane on the same database
 * is seen within {@link #TTL}. A read that raced with a change is not kept.
 */
@Singleton
public class FunctionCache {
  static final Duration TTL = Duration.ofSeconds(2);
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(FunctionEntity function, long loadedNanos) {}

  private final FunctionRepository functions;
  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  FunctionCache(FunctionRepository functions) {
    this.functions = functions;
  }

  /** The function in the caller's project; 404 {@code not-found} otherwise. */
  public FunctionEntity get(ProjectScope scope, UUID id) {
    Entry entry = entries.get(id);
    long now = System.nanoTime();
    if (entry != null
        && now - entry.loadedNanos() < TTL.toNanos()
        && entry.function().projectId().equals(scope.projectId())) {
      return entry.function();
    }
    long seen = changes.get();
    FunctionEntity function =
        functions
            .findByIdAndProjectId(id, scope.projectId())
            .orElseThrow(() -> ApiException.notFound("function", id));
    if (changes.get() == seen) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(id, new Entry(function, now));
    }
    return function;
  }

  /** The function changed or is gone: the next read goes to the database. */
  void forget(UUID id) {
    changes.incrementAndGet();
    entries.remove(id);
  }
}
