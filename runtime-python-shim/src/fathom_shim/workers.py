"""A pool of worker processes (multiprocessing, ``spawn`` context), one call per worker at a time.

A call that runs past its deadline gets its worker killed (SIGKILL) and replaced in the
background; other workers, and the calls they run, are not touched.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, List

from . import logs, worker_process
from .errors import StartupError
from .worker_process import WorkerSpec

_POLL_SECONDS = 0.2
_MAX_RESPAWN_BACKOFF_SECONDS = 30.0


@dataclass(frozen=True)
class Outcome:
    """``kind`` is ``ok`` (``value`` = output JSON text), or ``function-error``, ``timeout`` or
    ``draining`` (``value`` = message)."""

    kind: str
    value: str


class _Worker:
    def __init__(self, mp: Any, spec: WorkerSpec, index: int):
        self.index = index
        self.conn, child_conn = mp.Pipe(duplex=True)
        self.process = mp.Process(
            target=worker_process.run, args=(child_conn, spec), name=f"fathom-worker-{index}", daemon=True
        )
        self.process.start()
        child_conn.close()

    def wait_started(self, stopping: threading.Event) -> bool:
        """True once ready; False if ``stopping`` was set first; raises StartupError on failure."""
        while not self.conn.poll(_POLL_SECONDS):
            if stopping.is_set():
                return False
            if not self.process.is_alive() and not self.conn.poll(0):
                break
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise StartupError(
                f"worker {self.index} exited during start-up (exit code {self.process.exitcode})"
            ) from None
        if message[0] != "ready":
            raise StartupError(message[1])
        return True

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, spec: WorkerSpec, size: int, start_method: str = "spawn"):
        self._spec = spec
        self._size = size
        self._mp = multiprocessing.get_context(start_method)
        self._idle: "queue.Queue[_Worker]" = queue.Queue()
        self._workers: Dict[int, _Worker] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()

    def start(self) -> None:
        """Starts every worker and waits until all imported the function and ran ``init``.

        Raises StartupError with the first failure's cause; returns early if ``close`` is called.
        """
        started: List[_Worker] = [self._spawn(index) for index in range(self._size)]
        for worker in started:
            try:
                if not worker.wait_started(self._closing):
                    return
            except StartupError:
                if self._closing.is_set():
                    return  # killed by close(), not a failure of the function
                raise
            self._idle.put(worker)

    def call(self, call_id: str, deadline_ms: int, data: Any) -> Outcome:
        try:
            worker = self._idle.get(timeout=_seconds_until(deadline_ms))
        except queue.Empty:
            return Outcome("timeout", "the deadline passed while every worker was busy")
        try:
            worker.conn.send((call_id, deadline_ms, data))
            if not worker.conn.poll(_seconds_until(deadline_ms)):
                self._replace(worker)
                return Outcome("timeout", "the call ran past its deadline; its worker was stopped")
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            if self._closing.is_set():
                return Outcome(
                    "draining", "the instance stopped (drain period over) before the call finished"
                )
            worker.process.join(1)
            exit_code = worker.process.exitcode
            self._replace(worker)
            return Outcome(
                "function-error", f"the worker process exited during the call (exit code {exit_code})"
            )
        self._idle.put(worker)
        return Outcome("ok" if kind == "ok" else "function-error", value)

    def close(self) -> None:
        """Kills every worker; pending replacements give up."""
        self._closing.set()
        with self._lock:
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            worker.kill()

    def _spawn(self, index: int) -> _Worker:
        worker = _Worker(self._mp, self._spec, index)
        with self._lock:
            if self._closing.is_set():
                worker.kill()
            else:
                self._workers[index] = worker
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        threading.Thread(
            target=self._respawn, args=(worker.index,), name=f"fathom-respawn-{worker.index}", daemon=True
        ).start()

    def _respawn(self, index: int) -> None:
        backoff = 1.0
        while not self._closing.is_set():
            try:
                worker = self._spawn(index)
                if worker.wait_started(self._closing):
                    self._idle.put(worker)
                    logs.write("info", f"worker {index} replaced")
                return
            except StartupError as error:
                if self._closing.is_set():
                    return
                logs.write(
                    "error", f"worker {index} could not be replaced: {error}; retrying in {backoff:.0f} s"
                )
                self._closing.wait(backoff)
                backoff = min(backoff * 2, _MAX_RESPAWN_BACKOFF_SECONDS)


def _seconds_until(deadline_ms: int) -> float:
    return max(0.0, deadline_ms / 1000.0 - time.time())
