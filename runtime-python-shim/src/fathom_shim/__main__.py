"""``python3 -m fathom_shim``: configure, listen, start the workers, serve, drain on SIGTERM."""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from . import config as config_module
from . import logs, schemas, server
from .errors import StartupError
from .invoke import Invoker
from .lifecycle import Lifecycle, State
from .worker_process import WorkerSpec
from .workers import WorkerPool

_LAST_ANSWERS_SECONDS = 2.0


def main() -> int:
    try:
        config = config_module.load(os.environ)
        checks = schemas.load(config)
    except StartupError as cause:
        return _fail(str(cause))

    lifecycle = Lifecycle()
    pool = WorkerPool(
        WorkerSpec(config.function_dir, config.entry_point, config.sdk, config.env), config.workers
    )
    try:
        http = server.start(config, lifecycle, Invoker(checks, pool))
    except OSError as problem:
        return _fail(f"cannot listen on port {config.port} (PORT): {problem.strerror or problem}")

    stopped = threading.Event()

    def drain() -> None:
        logs.write("info", f"draining: waiting up to {config.drain_seconds:g} s for in-flight calls")
        if not lifecycle.wait_idle(config.drain_seconds):
            logs.write("warning", "drain period over (FATHOM_DRAIN_SECONDS); stopping with calls in flight")
        http.shutdown()
        pool.close()
        lifecycle.wait_idle(_LAST_ANSWERS_SECONDS)  # calls cut off above get their 503 out
        stopped.set()

    def on_signal(signum: int, _frame: Any) -> None:
        if lifecycle.move_to(State.DRAINING):
            threading.Thread(target=drain, name="fathom-drain", daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        pool.start()
    except StartupError as cause:
        pool.close()
        http.shutdown()
        return _fail(str(cause))
    if lifecycle.move_to(State.READY):
        logs.write(
            "info",
            f"ready on port {config.port} with {config.workers} worker(s) "
            f"serving {os.path.abspath(config.function_dir)}",
        )
    while not stopped.wait(0.2):
        pass
    logs.write("info", "stopped")
    return 0


def _fail(cause: str) -> int:
    print(f"fathom-shim: {cause}", file=sys.stderr, flush=True)
    return 1


if __name__ == "__main__":  # not under spawn's re-import of the main module as __mp_main__
    sys.exit(main())
