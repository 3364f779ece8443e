package io.fathom.controlplane.call;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sync calls' records behind their answers. A sync call with no idempotency key is answered
 * first and recorded after: its ended record goes on a queue that one writer thread inserts in
 * batches (one transaction and one JDBC batch each), so the database is not on the call's path.
 *
 * <p>What readers see: {@link #find} has a call from the moment it starts (in memory until its
 * record is written); {@link #awaitWritten} lets a list wait until every record queued before it is
 * in the database, so this process reads its own writes.
 *
 * <p>The trade, against writing before answering: a control plane that dies loses the records of
 * the calls still queued here (written within milliseconds normally) and of the sync calls it was
 * running; their callers had their answers or lost their connections. Calls that must be durable
 * before they run (async calls, calls with an {@code Idempotency-Key}, schedule firings) never come
 * here. When the database is down the writer retries the same batch with backoff and never drops
 * it; once the queue is full, calls wait for room.
 */
@Singleton
public class CallRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
  static final int MAX_BATCH = 256;
  private static final int CAPACITY = 10_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final CallStore store;
  private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Map<UUID, Call> unwritten = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private long queued; // guarded by progress
  private long written; // guarded by progress
  private volatile boolean closing;
  private final Thread writer;

  public CallRecorder(CallStore store) {
    this.store = store;
    this.writer = Thread.ofPlatform().name("fathom-call-recorder").daemon().start(this::write);
  }

  /** A sync call has started: readers by id see it running until it ends. */
  void started(Call running) {
    unwritten.put(running.id(), running);
  }

  /** A sync call has ended: its record is queued for the writer. */
  void ended(Call ended) throws InterruptedException {
    unwritten.put(ended.id(), ended);
    synchronized (progress) {
      queued++;
    }
    queue.put(ended);
  }

  /** The call as this process last knew it, while its record is not written yet. */
  Optional<Call> find(UUID projectId, UUID functionId, UUID callId) {
    Call call = unwritten.get(callId);
    if (call == null
        || !call.projectId().equals(projectId)
        || !call.functionId().equals(functionId)) {
      return Optional.empty();
    }
    return Optional.of(call);
  }

  /**
   * Waits until every record queued before this call is written, or {@code limit} has passed (then
   * the reader goes on and may miss the newest calls).
   */
  void awaitWritten(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (progress) {
      long target = queued;
      while (written < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
  }

  /** Records written since start (tests and the benchmark read it). */
  long writtenCount() {
    synchronized (progress) {
      return written;
    }
  }

  private void write() {
    List<Call> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Call first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        insert(batch);
        for (Call call : batch) {
          unwritten.remove(call.id(), call);
        }
        synchronized (progress) {
          written += batch.size();
          progress.notifyAll();
        }
        batch.clear();
      } catch (InterruptedException e) {
        if (!batch.isEmpty() || !queue.isEmpty()) {
          LOG.error("Stopped with {} sync call records not written", batch.size() + queue.size());
        }
        return;
      }
    }
  }

  /** Inserts the batch, retrying with backoff until it is written or the writer is stopped. */
  private void insert(List<Call> batch) throws InterruptedException {
    long backoffMs = 100;
    while (true) {
      try {
        store.insertAll(batch);
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "Cannot write {} sync call records yet ({}); retrying in {} ms",
            batch.size(),
            e.getMessage(),
            backoffMs);
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  /** Writes what is queued (waiting up to 10 s), then stops the writer. */
  @PreDestroy
  void close() throws InterruptedException {
    closing = true;
    writer.join(CLOSE_WAIT.toMillis());
    if (writer.isAlive()) {
      writer.interrupt();
      writer.join(1000);
    }
  }
}
