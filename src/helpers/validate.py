"""Check the CSV tables against their Frictionless Table Schema in ``datapackage.json``.

A small checker of our own (see README, "Why a checker of our own"): it covers the rules the
collection uses (type, required, enum, pattern, unique, primary key, foreign key) plus one of
ours: a date column ``X`` and its ``X_precision`` column must agree. Every problem is reported
with file, line (the header is line 1), column, value and rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = tuple[int, dict[str, str]]  # (line number in the CSV file, cell values by column)

PRECISION_SUFFIX = "_precision"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEANS = {"true": True, "false": False}


class DataError(ValueError):
    """A table of the data package breaks a rule; the message lists every problem found."""


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule in one cell (or row, or file)."""

    path: str
    line: int
    column: str
    value: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        cell = f", column {self.column!r}, value {self.value!r}" if self.column else ""
        return f"{where}{cell}: {self.detail} [rule: {self.rule}]"


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """Read a CSV file as text cells, keeping the line number on which each record starts."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows: list[Row] = []
        start = reader.line_num + 1
        for cells in reader:
            if any(cells):
                rows.append((start, dict(zip(header, cells, strict=False))))
            start = reader.line_num + 1
    return header, rows


def parse(value: str, field: Mapping[str, Any]) -> Any:
    """Turn one non-empty cell into a Python value of its field's type; ValueError if it can't."""
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "integer" and _INTEGER.fullmatch(value):
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean" and value in _BOOLEANS:
        return _BOOLEANS[value]
    if kind == "date" and _DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    raise ValueError(f"not a valid {kind}")


def check_table(
    path: str, header: Sequence[str], rows: Sequence[Row], schema: Mapping[str, Any]
) -> list[Problem]:
    """Every problem of one table on its own: header, cell rules, uniqueness and precision."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    if list(header) != names:
        return [_header_problem(path, header, names)]
    problems = [p for line, row in rows for f in fields for p in _check_cell(path, line, row, f)]
    problems += _check_unique(path, rows, fields, schema.get("primaryKey", []))
    problems += _check_precision(path, rows, names)
    return problems


def check_foreign_keys(
    path: str, rows: Sequence[Row], schema: Mapping[str, Any], tables: Mapping[str, list[Row]]
) -> list[Problem]:
    """Problems where a row points at a row of another table that does not exist."""
    problems = []
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target not in tables:
            continue  # a missing table is reported on its own
        known = {tuple(r[c] for c in key["reference"]["fields"]) for _, r in tables[target]}
        for line, row in rows:
            value = tuple(row[c] for c in key["fields"])
            if all(value) and value not in known:
                detail = f"no row of {target!r} has {', '.join(key['reference']['fields'])} = it"
                problems.append(
                    Problem(
                        path, line, ",".join(key["fields"]), ",".join(value), "foreign key", detail
                    )
                )
    return problems


def _header_problem(path: str, header: Sequence[str], names: Sequence[str]) -> Problem:
    """The first column where the file's header and the schema part ways."""
    position = next(i for i, n in enumerate([*names, ""]) if i >= len(header) or header[i] != n)
    found = header[position] if position < len(header) else ""
    expected = names[position] if position < len(names) else "(no column)"
    detail = f"column {position + 1} must be {expected!r}; the schema's columns are {list(names)}"
    return Problem(path, 1, expected, found, "header", detail)


def _check_cell(
    path: str, line: int, row: dict[str, str], field: Mapping[str, Any]
) -> Iterator[Problem]:
    name, value = field["name"], row.get(field["name"], "")
    rules = field.get("constraints", {})
    if value == "":
        if rules.get("required"):
            yield Problem(path, line, name, value, "required", "a value is required")
        return
    try:
        parse(value, field)
    except ValueError:
        yield Problem(path, line, name, value, "type", f"not a valid {field.get('type')}")
    if "enum" in rules and value not in rules["enum"]:
        yield Problem(path, line, name, value, "enum", f"must be one of {rules['enum']}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        yield Problem(path, line, name, value, "pattern", f"must match {rules['pattern']}")


def _check_unique(
    path: str, rows: Sequence[Row], fields: Sequence[Mapping[str, Any]], primary_key: Sequence[str]
) -> list[Problem]:
    keys = [([f["name"]], "unique") for f in fields if f.get("constraints", {}).get("unique")]
    if primary_key:
        keys.append((list(primary_key), "primary key"))
    problems = []
    for columns, rule in keys:
        first_line: dict[tuple[str, ...], int] = {}
        for line, row in rows:
            value = tuple(row.get(c, "") for c in columns)
            if value in first_line:
                detail = f"duplicates line {first_line[value]}"
                problems.append(
                    Problem(path, line, ",".join(columns), ",".join(value), rule, detail)
                )
            else:
                first_line[value] = line
    return problems


def _check_precision(path: str, rows: Sequence[Row], names: Sequence[str]) -> list[Problem]:
    pairs = [(n.removesuffix(PRECISION_SUFFIX), n) for n in names if n.endswith(PRECISION_SUFFIX)]
    problems = []
    for line, row in rows:
        for date_col, precision_col in pairs:
            date, precision = row.get(date_col, ""), row.get(precision_col, "")
            detail = _precision_mismatch(date, precision)
            if detail:
                detail = f"{detail} ({date_col} is {date!r})"
                problems.append(
                    Problem(path, line, precision_col, precision, "date precision", detail)
                )
    return problems


def _precision_mismatch(date: str, precision: str) -> str:
    """Why a date and its precision disagree, or '' when they agree."""
    if bool(date) != bool(precision):
        return f"a date and its precision go together (precision is {precision!r})"
    if precision == "month" and not date.endswith("-01"):
        return "a month-precise date is written as the 1st of the month"
    if precision == "year" and not date.endswith("-01-01"):
        return "a year-precise date is written as 1 January"
    return ""
