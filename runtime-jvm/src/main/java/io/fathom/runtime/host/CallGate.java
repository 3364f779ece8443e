package io.fathom.runtime.host;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits {@code /invoke} requests while the host is {@link HostState#READY} and counts those in
 * flight, so a drain can wait for them. Entering and draining happen under one lock: no request
 * slips in after the drain started.
 */
final class CallGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private HostState state = HostState.STARTING;
  private int inFlight;

  HostState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** STARTING → READY, once {@code init} succeeded. */
  void ready() {
    lock.lock();
    try {
      state = state.moveTo(HostState.READY);
    } finally {
      lock.unlock();
    }
  }

  /** Stops admitting requests; false when a drain had already started. */
  boolean startDraining() {
    lock.lock();
    try {
      if (state == HostState.DRAINING) {
        return false;
      }
      state = state.moveTo(HostState.DRAINING);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Admits one request and returns {@link HostState#READY}, or returns the state that refuses it.
   * Every admitted request must {@link #leave()}.
   */
  HostState tryEnter() {
    lock.lock();
    try {
      if (state == HostState.READY) {
        inFlight++;
      }
      return state;
    } finally {
      lock.unlock();
    }
  }

  void leave() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no request is in flight; false when {@code limit} passed first. */
  boolean awaitIdle(Duration limit) throws InterruptedException {
    long left = limit.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        if (left <= 0) {
          return false;
        }
        left = idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
