"""Configuration as a pure function of the environment (tests pass dicts, never os.environ)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, TypeVar

from .errors import StartupError

SDK_PREFIX = "FATHOM_SDK_"
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_DRAIN_SECONDS = 10.0
DEFAULT_WORKERS = 2
DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024
DEFAULT_ENTRY_POINT = "function.func:main"
_ENTRY_POINT = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")

T = TypeVar("T")


class ConfigError(StartupError):
    """One or more variables hold values the shim cannot use; the message names each of them."""


@dataclass(frozen=True)
class Config:
    port: int
    function_dir: str = "."
    entry_point: str = DEFAULT_ENTRY_POINT
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    drain_seconds: float = DEFAULT_DRAIN_SECONDS
    workers: int = DEFAULT_WORKERS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    input_schema_file: Optional[str] = None
    output_schema_file: Optional[str] = None
    disable_jsonschema: bool = False
    access_log: bool = True
    sdk: Dict[str, str] = field(default_factory=dict)
    env: Dict[str, str] = field(default_factory=dict)


def load(env: Mapping[str, str]) -> Config:
    """Reads every setting from ``env``; raises ConfigError naming each bad variable."""
    problems: List[str] = []

    def read(name: str, parse: Callable[[str], T], default: T, rule: str) -> T:
        raw = env.get(name, "").strip()
        if not raw:
            return default
        try:
            return parse(raw)
        except ValueError:
            problems.append(f"{name} must be {rule}, got {raw!r}")
            return default

    if not env.get("PORT", "").strip():
        problems.append("PORT is required (the port to listen on, 1-65535)")
    port = read("PORT", _ranged(int, 1, 65535), 0, "an integer from 1 to 65535")
    config = Config(
        port=port,
        function_dir=env.get("FATHOM_FUNCTION_DIR", "").strip() or ".",
        entry_point=read(
            "FATHOM_ENTRY_POINT",
            _entry_point,
            DEFAULT_ENTRY_POINT,
            "module:function, e.g. function.func:main",
        ),
        timeout_seconds=read(
            "FATHOM_TIMEOUT_SECONDS",
            _ranged(float, 0.001, None),
            DEFAULT_TIMEOUT_SECONDS,
            "a number of seconds greater than 0",
        ),
        drain_seconds=read(
            "FATHOM_DRAIN_SECONDS",
            _ranged(float, 0, None),
            DEFAULT_DRAIN_SECONDS,
            "a number of seconds, 0 or more",
        ),
        workers=read("FATHOM_WORKERS", _ranged(int, 1, 1024), DEFAULT_WORKERS, "an integer from 1 to 1024"),
        max_body_bytes=read(
            "FATHOM_MAX_BODY_BYTES",
            _ranged(int, 1, None),
            DEFAULT_MAX_BODY_BYTES,
            "a positive integer (bytes)",
        ),
        input_schema_file=env.get("FATHOM_INPUT_SCHEMA_FILE", "").strip() or None,
        output_schema_file=env.get("FATHOM_OUTPUT_SCHEMA_FILE", "").strip() or None,
        disable_jsonschema=read("FATHOM_SHIM_DISABLE_JSONSCHEMA", _flag, False, "0, 1, true or false"),
        access_log=read("FATHOM_ACCESS_LOG", _flag, True, "0, 1, true or false"),
        sdk={k: v for k, v in env.items() if k.startswith(SDK_PREFIX)},
        env=dict(env),
    )
    if problems:
        raise ConfigError("; ".join(problems))
    return config


def _ranged(kind: Callable[[str], T], low, high) -> Callable[[str], T]:
    def parse(raw: str) -> T:
        value = kind(raw)
        if not math.isfinite(value) or value < low or (high is not None and value > high):
            raise ValueError(raw)
        return value

    return parse


def _entry_point(raw: str) -> str:
    if not _ENTRY_POINT.match(raw):
        raise ValueError(raw)
    return raw


def _flag(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("1", "true"):
        return True
    if lowered in ("0", "false"):
        return False
    raise ValueError(raw)
