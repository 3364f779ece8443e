"""Input and output validation against the JSON Schema files named in the configuration.

``jsonschema`` (Debian: python3-jsonschema) is imported only when a schema file is configured;
a configured schema without the module is a start-up error. FATHOM_SHIM_DISABLE_JSONSCHEMA=1
pretends the module is missing (tests use it to check that error).
"""

from __future__ import annotations

import json
from typing import Any, Optional

from .config import Config
from .errors import StartupError


class _Schema:
    def __init__(self, jsonschema: Any, schema: Any, path: str, role: str):
        self._schema = schema
        self._cls = jsonschema.validators.validator_for(schema)
        try:
            self._cls.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            raise StartupError(
                f"the {role} schema file {path} is not a valid JSON Schema: {error.message}"
            ) from None
        self._best_match = jsonschema.exceptions.best_match
        self._format_checker = getattr(self._cls, "FORMAT_CHECKER", None)

    def violation(self, instance: Any) -> Optional[str]:
        """None when ``instance`` is valid, else the most relevant error with its location."""
        # A validator per check: older jsonschema resolvers keep $ref scope state on the instance.
        validator = self._cls(self._schema, format_checker=self._format_checker)
        error = self._best_match(validator.iter_errors(instance))
        if error is None:
            return None
        location = getattr(error, "json_path", None) or "$" + "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
        )
        return f"{location}: {error.message}"


class Schemas:
    """The configured schemas; a side without a schema accepts everything."""

    def __init__(self, input_schema: Optional[_Schema] = None, output_schema: Optional[_Schema] = None):
        self._input = input_schema
        self._output = output_schema

    def input_violation(self, data: Any) -> Optional[str]:
        return self._input.violation(data) if self._input else None

    def output_violation(self, data: Any) -> Optional[str]:
        return self._output.violation(data) if self._output else None

    @property
    def checks_output(self) -> bool:
        return self._output is not None


def load(config: Config) -> Schemas:
    """Reads and checks the schema files; raises StartupError naming the file or the module."""
    files = {"input": config.input_schema_file, "output": config.output_schema_file}
    if not any(files.values()):
        return Schemas()
    documents = {role: _read(path, role) for role, path in files.items() if path}
    jsonschema = _import_jsonschema(config, files)
    loaded = {role: _Schema(jsonschema, documents[role], files[role], role) for role in documents}
    return Schemas(loaded.get("input"), loaded.get("output"))


def _read(path: str, role: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise StartupError(f"cannot read the {role} schema file {path}: {error.strerror}") from None
    except ValueError as error:
        raise StartupError(f"the {role} schema file {path} is not JSON: {error}") from None


def _import_jsonschema(config: Config, files: dict) -> Any:
    variables = ", ".join(f"FATHOM_{role.upper()}_SCHEMA_FILE" for role, path in files.items() if path)
    missing = StartupError(
        f"{variables} is set but the Python module 'jsonschema' cannot be imported "
        "(install python3-jsonschema, or unset the schema file)"
    )
    if config.disable_jsonschema:
        raise missing
    try:
        import jsonschema
        import jsonschema.exceptions
        import jsonschema.validators
    except ImportError:
        raise missing from None
    return jsonschema
