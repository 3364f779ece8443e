"""The ``context`` object handed to ``init(context)`` and ``main(data, context)``."""

from __future__ import annotations

import time
from typing import Dict, Optional

from . import logs


class Logger:
    """Writes JSON log records carrying the call id (left out during ``init``)."""

    def __init__(self, call_id: Optional[str]):
        self._call_id = call_id

    def info(self, message: object, *args: object) -> None:
        self._log("info", message, args)

    def warning(self, message: object, *args: object) -> None:
        self._log("warning", message, args)

    def error(self, message: object, *args: object) -> None:
        self._log("error", message, args)

    def _log(self, level: str, message: object, args: tuple) -> None:
        text = str(message) % args if args else str(message)
        logs.write(level, text, self._call_id)


class Context:
    """What a call knows about itself and the platform.

    ``call_id`` and ``deadline_ms`` (absolute epoch milliseconds) are None in the context given
    to ``init``; ``remaining_ms()`` is then None as well.
    """

    def __init__(
        self, call_id: Optional[str], deadline_ms: Optional[int], sdk: Dict[str, str], env: Dict[str, str]
    ):
        self.call_id = call_id
        self.deadline_ms = deadline_ms
        self.sdk = dict(sdk)
        self.env = dict(env)
        self.logger = Logger(call_id)

    def remaining_ms(self) -> Optional[int]:
        """Milliseconds left before the deadline, never negative."""
        if self.deadline_ms is None:
            return None
        return max(0, self.deadline_ms - int(time.time() * 1000))

    def __repr__(self) -> str:
        return f"Context(call_id={self.call_id!r}, deadline_ms={self.deadline_ms!r})"
