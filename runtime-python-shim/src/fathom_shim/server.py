"""HTTP: reserved ``/_/health`` and ``/_/ready``, ``POST /invoke`` (ThreadingHTTPServer)."""

from __future__ import annotations

import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from . import logs
from .config import Config
from .invoke import Invoker, Response, error, json_response
from .lifecycle import Lifecycle, State

CALL_ID_HEADER = "X-Fathom-Call-Id"
DEADLINE_HEADER = "X-Fathom-Deadline-Ms"
# A body over the limit is still read (and dropped) up to this size, so that the client sees the
# 413 instead of a reset connection; beyond it the connection is simply closed.
_DISCARD_LIMIT_BYTES = 64 * 1024 * 1024


class _BodyTooLarge(Exception):
    pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config: Config, lifecycle: Lifecycle, invoker: Invoker):
        self.config = config
        self.lifecycle = lifecycle
        self.invoker = invoker
        super().__init__(("0.0.0.0", config.port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are separate writes; with Nagle on, the body waits ~40 ms for the client's
    # delayed ACK on every kept-alive call (measured in docs/benchmarks.md).
    disable_nagle_algorithm = True
    server_version = "fathom-shim"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        path = self.path.split("?", 1)[0]
        if path == "/_/health":
            self._send(json_response(200, {"status": "ok"}))
        elif path == "/_/ready":
            state = self.server.lifecycle.state
            self._send(json_response(200 if state is State.READY else 503, {"status": state.value}))
        elif path == "/invoke":
            self._send(error(405, "method-not-allowed", "use POST /invoke"))
        else:
            self._send(error(404, "not-found", f"no such endpoint: {path}"))

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if path != "/invoke":
            self._discard_body()
            self._send(error(404, "not-found", f"no such endpoint: {path}"))
            return
        call_id = self.headers.get(CALL_ID_HEADER) or str(uuid.uuid4())
        lifecycle = self.server.lifecycle
        if not lifecycle.begin_call():
            self._discard_body()
            self._send(error(503, "draining", "the function is shutting down; retry the call"), call_id)
            return
        started = time.monotonic()
        try:
            response = self._invoke(call_id)
            self._send(response, call_id)
        finally:
            lifecycle.end_call()
        if self.server.config.access_log:
            logs.write(
                "info", f"POST /invoke {response.status} in {(time.monotonic() - started) * 1000:.0f} ms", call_id
            )

    def _invoke(self, call_id: str) -> Response:
        config = self.server.config
        raw_deadline = self.headers.get(DEADLINE_HEADER)
        if raw_deadline is None:
            deadline_ms = int(time.time() * 1000 + config.timeout_seconds * 1000)
        else:
            try:
                deadline_ms = int(raw_deadline.strip())
            except ValueError:
                self._discard_body()
                return error(
                    400,
                    "invalid-deadline",
                    f"{DEADLINE_HEADER} must be absolute epoch milliseconds, got {raw_deadline!r}",
                )
        try:
            body = self._read_body(config.max_body_bytes)
        except _BodyTooLarge:
            return error(
                413,
                "payload-too-large",
                f"the request body is larger than {config.max_body_bytes} bytes (FATHOM_MAX_BODY_BYTES)",
            )
        except ValueError as problem:
            self.close_connection = True
            return error(400, "bad-request", str(problem))
        try:
            return self.server.invoker.invoke(body, call_id, deadline_ms)
        except Exception as problem:  # a bug in the shim: answer, log, keep serving
            logs.write("error", f"internal error: {problem!r}", call_id)
            return error(500, "internal-error", "the runtime shim failed; see its log")

    def _read_body(self, limit: int) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked(limit)
        length = self._content_length()
        if length > limit:
            if length <= _DISCARD_LIMIT_BYTES:
                self._skip(length)
            else:
                self.close_connection = True
            raise _BodyTooLarge()
        return self.rfile.read(length)

    def _read_chunked(self, limit: int) -> bytes:
        chunks, total = [], 0
        while True:
            size_line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise ValueError("malformed chunked request body") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            total += size
            if total > limit:
                self.close_connection = True
                raise _BodyTooLarge()
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _content_length(self) -> int:
        raw = self.headers.get("Content-Length", "0").strip()
        if not raw.isdigit():
            raise ValueError(f"Content-Length must be a byte count, got {raw!r}")
        return int(raw)

    def _discard_body(self) -> None:
        try:
            length = self._content_length()
        except ValueError:
            length = 0
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower() or length > _DISCARD_LIMIT_BYTES:
            self.close_connection = True
        else:
            self._skip(length)

    def _skip(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)

    def _send(self, response: Response, call_id: Optional[str] = None) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(response.body)))
            if call_id is not None:
                self.send_header(CALL_ID_HEADER, call_id)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(response.body)
        except OSError:
            self.close_connection = True  # the client went away

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # /invoke writes its own JSON record; health probes stay quiet


def start(config: Config, lifecycle: Lifecycle, invoker: Invoker) -> ThreadingHTTPServer:
    """Binds ``0.0.0.0:PORT`` and serves on a daemon thread; OSError if the port is unavailable."""
    server = _Server(config, lifecycle, invoker)
    threading.Thread(target=server.serve_forever, name="fathom-http", daemon=True).start()
    return server
