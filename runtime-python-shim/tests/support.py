"""Starts a real shim process on a free port against a function directory made by the test."""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

from . import SRC

# The schema tests need jsonschema; fail loudly rather than skip when it is missing.
if importlib.util.find_spec("jsonschema") is None:
    raise RuntimeError(
        "the shim tests need jsonschema: run scripts/python-deps.sh (Debian python3-jsonschema) "
        "and use /usr/bin/python3"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def function_dir(source: str, extra_files: Optional[Dict[str, str]] = None) -> str:
    """A temporary function tree: ``function/__init__.py`` and ``function/func.py`` = source."""
    root = tempfile.mkdtemp(prefix="fathom-shim-test-")
    os.makedirs(os.path.join(root, "function"))
    files = {"function/__init__.py": "", "function/func.py": textwrap.dedent(source)}
    files.update(extra_files or {})
    for relative, text in files.items():
        with open(os.path.join(root, relative), "w", encoding="utf-8") as handle:
            handle.write(text)
    return root


def write_json(directory: str, name: str, value: Any) -> str:
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle)
    return path


class Reply:
    def __init__(self, status: int, headers: Dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"Reply({self.status}, {self.body[:300]!r})"


class Shim:
    """``python -m fathom_shim`` as a child process; collects its stdout/stderr lines."""

    def __init__(self, directory: Optional[str], env: Optional[Dict[str, str]] = None):
        self.port = free_port()
        self.stdout: List[str] = []
        self.stderr: List[str] = []
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": SRC,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PORT": str(self.port),
            "FATHOM_WORKERS": "2",
        }
        if directory is not None:
            self.env["FATHOM_FUNCTION_DIR"] = directory
        self.env.update(env or {})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fathom_shim"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        self._readers = [
            threading.Thread(target=self._collect, args=(self.process.stdout, self.stdout), daemon=True),
            threading.Thread(target=self._collect, args=(self.process.stderr, self.stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _collect(stream: Any, into: List[str]) -> None:
        for raw in stream:
            into.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def __enter__(self) -> "Shim":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def wait_ready(self, timeout: float = 20.0) -> "Shim":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"shim exited with {self.process.returncode}: {self.output()}")
            try:
                if self.get("/_/ready").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"shim not ready after {timeout} s: {self.output()}")

    def get_eventually(self, path: str, timeout: float = 10.0) -> Reply:
        """GET once the server listens (it listens before the workers are ready)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.get(path)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def wait_exit(self, timeout: float = 20.0) -> int:
        code = self.process.wait(timeout)
        for reader in self._readers:
            reader.join(5)
        self.process.stdout.close()
        self.process.stderr.close()
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.wait_exit()

    def signal(self, signum: int = signal.SIGTERM) -> None:
        self.process.send_signal(signum)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def invoke(
        self,
        data: Any = None,
        headers: Optional[Dict[str, str]] = None,
        raw: Optional[bytes] = None,
        timeout: float = 30.0,
    ) -> Reply:
        body = raw if raw is not None else json.dumps(data).encode("utf-8")
        return self.request("POST", "/invoke", body, headers, timeout)

    def request(
        self,
        method: str,
        path: str,
        body: Optional[bytes] = None,
        headers: Optional[Dict[str, str]] = None,
        timeout: float = 30.0,
    ) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = headers or {}
            chunked = headers.get("Transfer-Encoding") == "chunked"
            connection.request(method, path, body=body, headers=headers, encode_chunked=chunked)
            response = connection.getresponse()
            return Reply(response.status, dict(response.getheaders()), response.read())
        finally:
            connection.close()

    def records(self, stream: str = "stdout") -> List[Dict[str, Any]]:
        """The JSON records written so far on ``stream``."""
        parsed = []
        for line in getattr(self, stream):
            try:
                parsed.append(json.loads(line))
            except ValueError:
                pass
        return parsed

    def wait_for_record(self, predicate: Any, stream: str = "stdout", timeout: float = 5.0) -> Dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for item in self.records(stream):
                if predicate(item):
                    return item
            time.sleep(0.02)
        raise AssertionError(f"no matching record on {stream}: {self.output()}")

    def output(self) -> str:
        return "\nstdout:\n" + "\n".join(self.stdout[-30:]) + "\nstderr:\n" + "\n".join(self.stderr[-30:])


def deadline_in(ms: int) -> Dict[str, str]:
    return {"X-Fathom-Deadline-Ms": str(int(time.time() * 1000) + ms)}


def run_to_exit(
    directory: Optional[str], env: Optional[Dict[str, str]] = None, timeout: float = 20.0
) -> Tuple[int, List[str]]:
    """Runs a shim that is expected to fail at start; returns its exit status and stderr lines."""
    shim = Shim(directory, env)
    try:
        return shim.wait_exit(timeout), shim.stderr
    except subprocess.TimeoutExpired:
        shim.stop()
        raise AssertionError(f"the shim did not exit within {timeout} s: {shim.output()}")
