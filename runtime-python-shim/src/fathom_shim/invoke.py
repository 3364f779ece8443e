"""One ``POST /invoke``: parse, validate input, run on a worker, validate output.

Independent of HTTP so that the flow reads top to bottom; server.py only moves bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .schemas import Schemas
from .workers import WorkerPool


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


def error(status: int, code: str, message: str) -> Response:
    return json_response(status, {"error": {"code": code, "message": message}})


def json_response(status: int, value: Any) -> Response:
    return Response(status, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


class Invoker:
    def __init__(self, schemas: Schemas, pool: WorkerPool):
        self._schemas = schemas
        self._pool = pool

    def invoke(self, body: bytes, call_id: str, deadline_ms: int) -> Response:
        try:
            data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError) as problem:
            return error(400, "invalid-json", f"the request body is not JSON: {problem}")
        violation = self._schemas.input_violation(data)
        if violation:
            return error(
                422, "input-schema-violation", f"the input does not match the input schema: {violation}"
            )
        outcome = self._pool.call(call_id, deadline_ms, data)
        if outcome.kind == "timeout":
            return error(504, "timeout", outcome.value)
        if outcome.kind == "draining":
            return error(503, "draining", outcome.value)
        if outcome.kind != "ok":
            return error(500, "function-error", outcome.value)
        if self._schemas.checks_output:
            violation = self._schemas.output_violation(json.loads(outcome.value))
            if violation:
                return error(
                    500,
                    "output-schema-violation",
                    f"the output does not match the output schema: {violation}",
                )
        return Response(200, outcome.value.encode("utf-8"))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")
