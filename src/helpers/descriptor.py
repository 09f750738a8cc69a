"""Read and check ``datapackage.json`` before any table: what the checker cannot honour is blamed
on the descriptor, once, rather than on every cell of the data.

Supported (Table Schema): field types string, integer, number, boolean (with trueValues and
falseValues), date (default format) and year; constraints required, unique, enum (of strings) and
pattern; primaryKey; foreignKeys, including the self-reference ``"resource": ""``; missingValues
only as the default ``[""]``. Anything else is refused with what is supported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .problems import Problem

TYPES = ("string", "integer", "number", "boolean", "date", "year")
CONSTRAINTS = ("required", "unique", "enum", "pattern")
FIELD_KEYS = {"name", "type", "format", "title", "description", "example", "constraints",
              "trueValues", "falseValues", "rdfType"}  # fmt: skip
RESOURCE_KEYS = {"name", "path", "title", "description", "schema", "profile", "licenses",
                 "sources", "format", "mediatype", "encoding"}  # fmt: skip
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
FIXED = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}  # the only values read
PRECISION_SUFFIX = "_precision"
_NAME = re.compile(r"[a-z0-9._-]+")
_FILE = re.compile(r"[\w.-]+\.csv")


@dataclass(frozen=True)
class ForeignKey:
    """Columns of a table that must name a row of `resource` by its `reference` columns."""

    fields: list[str]
    resource: str
    reference: list[str]


@dataclass(frozen=True)
class Resource:
    """One table as described, with its keys in a single shape."""

    name: str
    path: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[ForeignKey]


def parse(shown: str, data: bytes) -> tuple[Any, list[Problem]]:
    """The descriptor's JSON, or the problem that makes it unreadable."""
    try:
        return json.loads(data.decode("utf-8")), []
    except UnicodeDecodeError as error:
        detail = f"not valid UTF-8 at byte {error.start}"
        return None, [Problem(shown, 0, "", "", "descriptor", detail)]
    except json.JSONDecodeError as error:
        detail = f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        return None, [Problem(shown, error.lineno, "", "", "descriptor", detail)]


def resources(shown: str, descriptor: Any) -> tuple[list[Resource], list[Problem]]:
    """The described tables, and every way in which the descriptor cannot be honoured."""
    problems: list[str] = []
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(listed, list) or not listed:
        problems.append("it needs a non-empty list of resources")
        listed = []
    found = [r for r in (_resource(entry, i, problems) for i, entry in enumerate(listed)) if r]
    names = [r.name for r in found]
    problems += [f"resource {n!r}: named twice" for n in sorted(set(names)) if names.count(n) > 1]
    fields = {r.name: [f["name"] for f in r.fields] for r in found}
    for resource in found:
        problems += _key_problems(resource, fields)
    return found, [Problem(shown, 0, "", "", "descriptor", p) for p in problems]


def _resource(entry: Any, index: int, problems: list[str]) -> Resource | None:
    """One resource in a single shape (without fields if its schema is unusable), adding to
    `problems` what cannot be honoured."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        problems.append(f"resource {index + 1}: needs to be an object with a name")
        return None
    name, at = entry["name"], f"resource {entry['name']!r}"
    problems += _unknown(at, entry, RESOURCE_KEYS)
    if not _NAME.fullmatch(name):
        problems.append(f"{at}: a name is lower-case letters, digits, '.', '-' or '_'")
    path = entry.get("path")
    if not isinstance(path, str) or not _FILE.fullmatch(path):
        problems.append(f"{at}: path {path!r} must be a CSV file name in the package's folder")
    problems += [
        f"{at}: {key} {entry[key]!r} is not supported; only {value!r}"
        for key, value in FIXED.items()
        if key in entry and str(entry[key]).lower() != value
    ]
    schema = entry.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        problems.append(f"{at}: needs a schema (an object) with a list of fields")
        return Resource(name, str(path), [], [], [])
    problems += _schema_problems(at, schema)
    fields = [f for i, f in enumerate(schema["fields"]) if _named(at, f, i, problems)]
    for field in fields:
        problems += _field_problems(f"{at}, field {field['name']!r}", field)
    names = [f["name"] for f in fields]
    problems += [
        f"{at}: field {n!r} is described twice" for n in sorted(set(names)) if names.count(n) > 1
    ]
    problems += _precision_problems(at, fields)
    given = schema.get("foreignKeys", [])
    keys = [_foreign_key(k, name) for k in given] if isinstance(given, list) else [None]
    if None in keys:
        problems.append(
            f"{at}: a foreign key needs fields and a reference with resource and fields"
        )
    primary_key = _names(schema.get("primaryKey", []))
    return Resource(name, str(path), fields, primary_key, [k for k in keys if k])


def _schema_problems(at: str, schema: dict[str, Any]) -> list[str]:
    problems = _unknown(f"{at}, schema", schema, SCHEMA_KEYS)
    if schema.get("missingValues", [""]) != [""]:
        problems.append(f'{at}: missingValues other than [""] are not supported')
    if "primaryKey" in schema and not _names(schema["primaryKey"]):
        problems.append(f"{at}: a primary key is a field name or a list of them")
    return problems


def _named(at: str, field: Any, index: int, problems: list[str]) -> bool:
    if isinstance(field, dict) and isinstance(field.get("name"), str):
        return True
    problems.append(f"{at}: field {index + 1} needs to be an object with a name")
    return False


def _field_problems(where: str, field: dict[str, Any]) -> list[str]:
    """Why a field's description cannot be honoured, if it cannot."""
    kind = field.get("type", "string")
    problems = _unknown(where, field, FIELD_KEYS)
    if kind not in TYPES:
        problems.append(f"{where}: type {kind!r} is not supported; supported: {', '.join(TYPES)}")
    if field.get("format", "default") != "default":
        problems.append(f"{where}: format {field['format']!r} is not supported; only the default")
    problems += [
        f"{where}: {key} must be a list of strings, on a boolean field"
        for key in ("trueValues", "falseValues")
        if key in field and (kind != "boolean" or not _strings(field[key]))
    ]
    rules = field.get("constraints", {})
    if not isinstance(rules, dict):
        return [*problems, f"{where}: constraints must be an object"]
    problems += _unknown(f"{where}, constraints", rules, set(CONSTRAINTS))
    problems += [
        f"{where}: constraint {key} must be true or false"
        for key in ("required", "unique")
        if not isinstance(rules.get(key, False), bool)
    ]
    if "enum" in rules and (not rules["enum"] or not _strings(rules["enum"])):
        problems.append(f"{where}: enum must be a non-empty list of strings")
    if "pattern" in rules:
        problems += _pattern_problems(where, rules["pattern"])
    return problems


def _pattern_problems(where: str, pattern: Any) -> list[str]:
    try:
        re.compile(pattern)
    except (re.error, TypeError) as error:
        return [f"{where}: pattern {pattern!r} is not a regular expression ({error})"]
    return []


def _precision_problems(at: str, fields: list[dict[str, Any]]) -> list[str]:
    """A precision column X_precision needs its date column X."""
    dates = {f["name"] for f in fields if f.get("type") == "date"}
    return [
        f"{at}: {f['name']!r} has no date column {f['name'].removesuffix(PRECISION_SUFFIX)!r}"
        for f in fields
        if f["name"].endswith(PRECISION_SUFFIX)
        and f["name"].removesuffix(PRECISION_SUFFIX) not in dates
    ]


def _foreign_key(key: Any, own: str) -> ForeignKey | None:
    reference = key.get("reference") if isinstance(key, dict) else None
    if not isinstance(reference, dict) or not isinstance(reference.get("resource"), str):
        return None
    fields, target = _names(key.get("fields")), _names(reference.get("fields"))
    if not fields or not target:
        return None
    return ForeignKey(fields, reference["resource"] or own, target)


def _key_problems(resource: Resource, fields: Mapping[str, list[str]]) -> list[str]:
    at = f"resource {resource.name!r}"
    own = fields[resource.name]
    problems = [
        f"{at}: primary key field {n!r} is not a field of the table"
        for n in resource.primary_key
        if n not in own
    ]
    for key in resource.foreign_keys:
        problems += [
            f"{at}: foreign key field {n!r} is not a field of the table"
            for n in key.fields
            if n not in own
        ]
        if key.resource not in fields:
            problems.append(
                f"{at}: foreign key to unknown resource {key.resource!r}; known: {sorted(fields)}"
            )
            continue
        problems += [
            f"{at}: foreign key names {n!r}, not a field of {key.resource!r}"
            for n in key.reference
            if n not in fields[key.resource] and fields[key.resource]  # no fields: told already
        ]
        if len(key.fields) != len(key.reference):
            problems.append(
                f"{at}: foreign key {key.fields} and its reference {key.reference} differ in length"
            )
    return problems


def _names(value: Any) -> list[str]:
    """A key's fields, given as one name or a list of names (anything else: none)."""
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) and _strings(value) else []


def _strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def _unknown(where: str, entry: Mapping[str, Any], known: set[str]) -> list[str]:
    return [
        f"{where}: property {key!r} is not supported; supported: {', '.join(sorted(known))}"
        for key in sorted(set(entry) - known)
    ]
