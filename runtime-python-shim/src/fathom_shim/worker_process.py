"""The code that runs inside one worker process.

A worker imports ``function.func`` from the function directory, runs ``init(context)`` once, tells
the parent ``("ready", pid)`` or ``("failed", cause)``, then answers calls sent over its pipe one
at a time: ``(call_id, deadline_ms, data)`` -> ``("ok", output_json)`` or ``("error", message)``.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import os
import signal
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

from . import logs
from .context import Context


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs; passed to the spawned process, so plain picklable data only."""

    function_dir: str
    entry_point: str  # module:function, normally function.func:main
    sdk: Dict[str, str]
    env: Dict[str, str]


class _StartFailure(Exception):
    pass


@dataclass(frozen=True)
class _Function:
    main: Callable[..., Any]
    init: Optional[Callable[..., Any]]


def run(conn: Any, spec: WorkerSpec) -> None:
    """Process entry point (multiprocessing target)."""
    # The parent alone decides when workers stop: a signal sent to the whole process group must
    # not cut in-flight calls short while the parent drains.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logs.capture_std_streams()
    try:
        function = _load(spec)
    except _StartFailure as failure:
        logs.flush_std_streams()
        conn.send(("failed", str(failure)))
        return
    logs.flush_std_streams()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            call_id, deadline_ms, data = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone or closed the pipe
        conn.send(_call(function, spec, call_id, deadline_ms, data))


def _load(spec: WorkerSpec) -> _Function:
    function_dir = os.path.abspath(spec.function_dir)
    module_name, main_name = spec.entry_point.split(":")
    source = module_name.replace(".", "/") + ".py"
    if module_name == "function.func" and not os.path.isfile(os.path.join(function_dir, source)):
        raise _StartFailure(
            f"no function/func.py in {function_dir} (set FATHOM_FUNCTION_DIR to the function's source tree)"
        )
    sys.path.insert(0, function_dir)
    try:
        module = importlib.import_module(module_name)
    except BaseException as error:  # noqa: B902 - SystemExit in an import is a start-up failure too
        logs.write("error", f"importing {source} failed:\n" + traceback.format_exc())
        raise _StartFailure(f"cannot import {source}: {_describe(error)}") from None
    main = getattr(module, main_name, None)
    if not callable(main):
        raise _StartFailure(f"{source} defines no {main_name}(data, context)")
    init = getattr(module, "init", None)
    if init is not None and not callable(init):
        raise _StartFailure(f"{source} defines init, but it is not a function")
    if init is not None:
        try:
            _await_if_needed(init(Context(None, None, spec.sdk, spec.env)))
        except BaseException as error:  # noqa: B902
            logs.write("error", "init(context) failed:\n" + traceback.format_exc())
            raise _StartFailure(f"init(context) raised {_describe(error)}") from None
    return _Function(main, init)


def _call(
    function: _Function, spec: WorkerSpec, call_id: str, deadline_ms: int, data: Any
) -> Tuple[str, str]:
    logs.set_call_id(call_id)
    try:
        try:
            result = _await_if_needed(function.main(data, Context(call_id, deadline_ms, spec.sdk, spec.env)))
        except BaseException as error:  # noqa: B902 - sys.exit() in main must not kill the worker
            logs.write("error", f"main raised {_describe(error)}\n" + _user_traceback(error), call_id)
            return ("error", str(error) or type(error).__name__)
        try:
            return ("ok", json.dumps(result, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
        except (TypeError, ValueError) as error:
            logs.write("error", f"main returned a value that is not JSON: {error}", call_id)
            return ("error", f"main returned a value that is not JSON: {error}")
    finally:
        logs.flush_std_streams()
        logs.set_call_id(None)


def _await_if_needed(result: Any) -> Any:
    """Runs ``async def`` results (coroutines or other awaitables) to completion."""
    if not inspect.isawaitable(result):
        return result

    async def wait() -> Any:
        return await result

    return asyncio.run(wait())


def _user_traceback(error: BaseException) -> str:
    """The traceback without the shim's own frame (the call into main)."""
    tb = error.__traceback__.tb_next if error.__traceback__ else None
    return "".join(traceback.format_exception(type(error), error, tb))


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
