"""JSON log lines: ``{"ts","level","callId","message"}``, one record per line.

The parent and the workers write records with ``write``. Inside a worker, ``capture_std_streams``
replaces ``sys.stdout``/``sys.stderr`` so that plain ``print()`` output becomes records too,
carrying the id of the call in progress (``set_call_id``).
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
from typing import Optional

LEVELS = ("info", "warning", "error")
_lock = threading.Lock()
_call_id: Optional[str] = None


def timestamp(epoch_seconds: Optional[float] = None) -> str:
    """UTC, millisecond precision: ``2026-11-23T04:00:00.000Z``."""
    now = time.time() if epoch_seconds is None else epoch_seconds
    millis = int(now * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{millis:03d}Z"


def record(level: str, message: str, call_id: Optional[str] = None) -> str:
    """One JSON record, without the newline; ``callId`` is left out outside a call."""
    fields = {"ts": timestamp(), "level": level}
    if call_id is not None:
        fields["callId"] = call_id
    fields["message"] = message
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def write(level: str, message: str, call_id: Optional[str] = None) -> None:
    """Writes a record: ``info`` to stdout, ``warning``/``error`` to stderr, in one write."""
    line = (record(level, message, call_id) + "\n").encode("utf-8", "replace")
    fd = 1 if level == "info" else 2
    with _lock:
        try:
            os.write(fd, line)
        except OSError:
            pass  # nowhere left to report to


def set_call_id(call_id: Optional[str]) -> None:
    """The call whose id captured print() lines carry (worker side; None between calls)."""
    global _call_id
    _call_id = call_id


def current_call_id() -> Optional[str]:
    return _call_id


class _CapturedStream(io.TextIOBase):
    """A text stream that turns each complete line into a record of ``level``."""

    def __init__(self, level: str, encoding: str = "utf-8"):
        self._level = level
        self._pending = ""
        self._encoding = encoding
        self._buffer_lock = threading.Lock()

    @property
    def encoding(self) -> str:
        return self._encoding

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        with self._buffer_lock:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
        for line in lines:
            write(self._level, line, _call_id)
        return len(text)

    def flush(self) -> None:
        with self._buffer_lock:
            line, self._pending = self._pending, ""
        if line:
            write(self._level, line, _call_id)


def capture_std_streams() -> None:
    """Worker side: print() to stdout becomes ``info`` records, to stderr ``error`` records."""
    sys.stdout = _CapturedStream("info")
    sys.stderr = _CapturedStream("error")


def flush_std_streams() -> None:
    """Ends any unterminated line (at the end of a call, before the call id is cleared)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
