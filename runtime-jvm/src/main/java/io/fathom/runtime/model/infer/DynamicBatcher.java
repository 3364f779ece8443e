package io.fathom.runtime.model.infer;

import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Merges concurrent requests to a model whose inputs and outputs all have a first dimension of -1:
 * a worker stacks their rows (up to the batch's maximum rows, waiting at most the maximum delay
 * after the first request), runs the model once and gives each request back its own rows. Requests
 * that cannot stack with the batch (other trailing dims, datatypes or outputs) wait for the next
 * one.
 */
final class DynamicBatcher implements AutoCloseable {
  private record Item(
      List<Tensor> feeds,
      List<String> outputs,
      long rows,
      long enqueuedNanos,
      CompletableFuture<Map<String, Tensor>> result) {}

  private final ModelRunner runner;
  private final BatchSettings settings;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Deque<Item> held = new ArrayDeque<>();
  private final Thread worker;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean closed;

  DynamicBatcher(ModelRunner runner, BatchSettings settings, String name) {
    this.runner = runner;
    this.settings = settings;
    this.worker = Thread.ofPlatform().daemon().name("fathom-batcher-" + name).start(this::work);
  }

  /**
   * Queues the request; the future completes, on the batcher's thread, with the request's own rows
   * of the batch's outputs.
   */
  CompletableFuture<Map<String, Tensor>> submit(List<Tensor> feeds, List<String> outputs) {
    if (closed) {
      throw stopping();
    }
    Item item =
        new Item(
            feeds, outputs, feeds.get(0).shape()[0], System.nanoTime(), new CompletableFuture<>());
    waiting.incrementAndGet();
    // Counted down as the batcher completes it (on its own thread), so collect() sees only the
    // requests still waiting for an answer.
    CompletableFuture<Map<String, Tensor>> answered =
        item.result().whenComplete((r, e) -> waiting.decrementAndGet());
    queue.add(item);
    if (closed) {
      // close() may have emptied the queue just before this item went in.
      item.result().completeExceptionally(stopping());
    }
    return answered;
  }

  private void work() {
    try {
      while (!closed) {
        Item first = held.isEmpty() ? queue.take() : held.poll();
        List<Item> batch = collect(first);
        try {
          execute(batch);
        } catch (RuntimeException e) {
          // completeExceptionally is a no-op for the items execute() already answered.
          batch.forEach(item -> item.result().completeExceptionally(e));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Stopping: what this thread still holds gets an answer too.
      held.forEach(item -> item.result().completeExceptionally(stopping()));
      queue.forEach(item -> item.result().completeExceptionally(stopping()));
    }
  }

  private List<Item> collect(Item first) throws InterruptedException {
    List<Item> batch = new ArrayList<>();
    batch.add(first);
    long rows = first.rows();
    long deadline = first.enqueuedNanos() + settings.maxDelay().toNanos();
    List<Item> notNow = new ArrayList<>();
    // Items held back from an earlier batch come first.
    while (!held.isEmpty() && rows < settings.maxSize()) {
      Item next = held.poll();
      if (fits(first, next, rows)) {
        batch.add(next);
        rows += next.rows();
      } else {
        notNow.add(next);
      }
    }
    try {
      rows = fill(first, batch, rows, deadline, notNow);
    } catch (InterruptedException e) {
      // Stopping: work() answers everything held.
      held.addAll(batch);
      held.addAll(notNow);
      throw e;
    }
    held.addAll(notNow);
    return batch;
  }

  /**
   * Adds queued requests that fit to {@code batch} until it is full, or none is left to wait for.
   */
  private long fill(Item first, List<Item> batch, long rows, long deadline, List<Item> notNow)
      throws InterruptedException {
    while (rows < settings.maxSize()) {
      if (batch.size() + notNow.size() + held.size() >= waiting.get()) {
        // Every request waiting for an answer is in hand: waiting longer only adds latency.
        break;
      }
      long wait = deadline - System.nanoTime();
      Item next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      if (fits(first, next, rows)) {
        batch.add(next);
        rows += next.rows();
      } else {
        notNow.add(next);
        if (notNow.size() > settings.maxSize()) {
          break;
        }
      }
    }
    return rows;
  }

  private boolean fits(Item first, Item next, long rows) {
    if (rows + next.rows() > settings.maxSize() || !first.outputs().equals(next.outputs())) {
      return false;
    }
    for (int i = 0; i < first.feeds().size(); i++) {
      Tensor a = first.feeds().get(i);
      Tensor b = next.feeds().get(i);
      long[] sa = a.shape();
      long[] sb = b.shape();
      if (a.datatype() != b.datatype()
          || !a.name().equals(b.name())
          || !Arrays.equals(sa, 1, sa.length, sb, 1, sb.length)) {
        return false;
      }
    }
    return true;
  }

  private void execute(List<Item> batch) {
    if (batch.size() == 1) {
      runAlone(batch.get(0));
      return;
    }
    Map<String, Tensor> merged;
    long total = batch.stream().mapToLong(Item::rows).sum();
    try {
      merged = runner.run(stack(batch, total), batch.get(0).outputs());
    } catch (Exception e) {
      batch.forEach(item -> item.result().completeExceptionally(e));
      return;
    }
    if (merged.values().stream().anyMatch(t -> t.shape().length == 0 || t.shape()[0] != total)) {
      // An output whose rows are not the inputs' rows cannot be split: run each on its own.
      batch.forEach(this::runAlone);
      return;
    }
    long offset = 0;
    for (Item item : batch) {
      Map<String, Tensor> own = new LinkedHashMap<>();
      for (Tensor out : merged.values()) {
        own.put(out.name(), rows(out, total, offset, item.rows()));
      }
      offset += item.rows();
      item.result().complete(own);
    }
  }

  private void runAlone(Item item) {
    try {
      item.result().complete(runner.run(item.feeds(), item.outputs()));
    } catch (Exception e) {
      item.result().completeExceptionally(e);
    }
  }

  private static List<Tensor> stack(List<Item> batch, long total) {
    List<Tensor> feeds = new ArrayList<>();
    List<Tensor> firsts = batch.get(0).feeds();
    for (int i = 0; i < firsts.size(); i++) {
      Tensor first = firsts.get(i);
      long[] shape = first.shape();
      shape[0] = total;
      if (first.datatype() == Datatype.BYTES) {
        List<String> all = new ArrayList<>();
        for (Item item : batch) {
          all.addAll(item.feeds().get(i).strings());
        }
        feeds.add(Tensor.ofStrings(first.name(), shape, all));
      } else {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Item item : batch) {
          byte[] raw = item.feeds().get(i).raw();
          all.write(raw, 0, raw.length);
        }
        feeds.add(Tensor.ofBytes(first.name(), first.datatype(), shape, all.toByteArray()));
      }
    }
    return feeds;
  }

  private static Tensor rows(Tensor out, long total, long offset, long count) {
    long[] shape = out.shape();
    shape[0] = count;
    if (out.datatype() == Datatype.BYTES) {
      int perRow = (int) (out.strings().size() / total);
      return Tensor.ofStrings(
          out.name(),
          shape,
          out.strings().subList((int) offset * perRow, (int) (offset + count) * perRow));
    }
    int rowBytes = (int) (out.raw().length / total);
    byte[] raw =
        Arrays.copyOfRange(out.raw(), (int) offset * rowBytes, (int) (offset + count) * rowBytes);
    return Tensor.ofBytes(out.name(), out.datatype(), shape, raw);
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    queue.forEach(item -> item.result().completeExceptionally(stopping()));
  }

  private static InferenceException stopping() {
    return new InferenceException(InferenceException.Kind.NOT_READY, "the server is stopping");
  }
}
