"""The shape of a save request (`save.schema.json`, shipped with the package), checked before anything
else reads it, so a malformed request gets a message naming the place that is wrong."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema

from integrationsgraph.errors import UsageError


@cache
def _payload_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files(__package__).joinpath("save.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_payload(payload: object) -> None:
    """UsageError naming the place (`cards/2/spans/0/start`) where a save request breaks its schema."""
    error = jsonschema.exceptions.best_match(_payload_validator().iter_errors(payload))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the request"
        raise UsageError(f"{where}: {error.message}")
