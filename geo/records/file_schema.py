"""JSON Schemas for the YAML files (documents, tours), with problems named by file, line and key.

The shape of a document or a tour is declared once, in ``data/schemas/*.json``: plain JSON
that is reviewed like the data, that other tools can read, and that the data package lists. The
loaders check every file against it before building records, so a missing key, a wrong type or a
bad date is reported here, at its line, and the Python code keeps only the rules that span
fields or files (ids that must exist, dates that must be in order).

YAML reads a bare ``1921-10-13`` as a date, JSON has none, so dates are turned back into ISO
strings before the check; the schema's ``format: date`` then accepts exactly ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match

from geo.paths import DATA

SCHEMAS_DIR = DATA / "schemas"
Location = tuple[str | int, ...]


@cache
def schema(name: str) -> dict[str, Any]:
    """``data/schemas/<name>.json``, also the one source of the vocabularies it declares."""
    declared: dict[str, Any] = json.loads(
        (SCHEMAS_DIR / f"{name}.json").read_text(encoding="utf-8")
    )
    Draft202012Validator.check_schema(declared)
    return declared


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def plain(value: Any) -> Any:
    """The YAML value as JSON would hold it: dates become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def key_path(location: Iterable[str | int]) -> str:
    """``articles[2].quotes[0].text``: where in the file, as a reader would write it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(top)"


def line_of(text: str, location: Location) -> int | None:
    """The 1-based line of the YAML node at ``location`` (None when it cannot be found)."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
        if node is None:
            return None
    return None if node is None else node.start_mark.line + 1


def message(error: ValidationError) -> str:
    """The rule broken, in words: the schema's own description where it has one."""
    if error.validator == "anyOf" and error.context:
        return message(best_match(error.context))
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("pattern", "format", "type") and described:
        return f"{error.instance!r} is not {described}"
    if error.validator == "dependentRequired":
        key = next(k for k, needed in error.validator_value.items()
                   if k in error.instance and any(n not in error.instance for n in needed))
        return f"{key!r} given without {', '.join(map(repr, error.validator_value[key]))}"
    return error.message


def schema_problems(name: str, raw: Any, origin: str, text: str | None = None) -> list[str]:
    """Every place where ``raw`` breaks schema ``name``: ``origin:line: key: rule``.

    ``text`` is the YAML the value was read from; with it each problem carries its line.
    """
    problems = []
    errors = sorted(validator(name).iter_errors(plain(raw)), key=lambda e: list(map(str, e.path)))
    for error in errors:
        location: Location = tuple(error.absolute_path)
        line = line_of(text, location) if text is not None else None
        where = f"{origin}:{line}" if line else origin
        problems.append(f"{where}: {key_path(location)}: {message(error)}")
    return problems
