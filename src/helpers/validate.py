"""Check a table, read strictly (``csvfile``), against its Table Schema (``descriptor``).

A checker of our own (see README, "Design choices, measured"): type, required, enum, pattern,
unique, primary key, foreign key, plus one rule of the collection's: a date column ``X`` and its
``X_precision`` column agree. It works a column at a time and tests each distinct value once, so a
table of tens of thousands of rows costs milliseconds; a problem is located only when one exists.
Every problem names file, line (the header is line 1), column, value and rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import filterfalse
from typing import Any

import pandas as pd

from .csvfile import Table
from .descriptor import PRECISION_SUFFIX, Resource
from .problems import DataError, Problem

__all__ = ["DataError", "Problem", "boolean_values", "check_foreign_keys", "check_table", "valid"]

TRUE_VALUES = ["true", "True", "TRUE", "1"]  # Table Schema's defaults
FALSE_VALUES = ["false", "False", "FALSE", "0"]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|INF|-INF")
_YEAR = re.compile(r"[0-9]{4}")
Key = str | tuple[str, ...]


def check_table(table: Table, resource: Resource) -> list[Problem]:
    """Every problem of one table on its own: header, cell rules, uniqueness and precision."""
    names = [f["name"] for f in resource.fields]
    if table.header != names:
        return [_header_problem(table.path, table.header, names)]
    problems = [p for f in resource.fields for p in _cell_problems(table, f)]
    problems += _unique_problems(table, resource)
    problems += _precision_problems(table, names)
    return problems


def check_foreign_keys(
    table: Table, resource: Resource, tables: Mapping[str, Table]
) -> list[Problem]:
    """Rows that point at a row of another table (or their own) that does not exist. A table
    missing from `tables` (unreadable, or with a broken header) is reported on its own."""
    problems = []
    for key in resource.foreign_keys:
        if key.resource not in tables:
            continue
        values = _distinct_keys(table, key.fields)
        known = _distinct_keys(tables[key.resource], key.reference)
        missing = {v for v in values - known if _complete(v)}
        if not missing:
            continue
        detail = f"no row of {key.resource!r} has {', '.join(key.reference)} = it"
        problems += [
            Problem(table.path, line, ",".join(key.fields), _shown(v), "foreign key", detail)
            for line, v in zip(table.lines, _key_values(table, key.fields), strict=True)
            if v in missing
        ]
    return problems


def valid(field: Mapping[str, Any]) -> Callable[[str], object] | None:
    """The test a non-empty cell of `field`'s type passes (None for a string: any text does)."""
    kind = field.get("type", "string")
    if kind == "boolean":
        return boolean_values(field).__contains__
    tests: dict[str, Callable[[str], object]] = {
        "date": _is_date,
        "integer": _INTEGER.fullmatch,
        "number": _NUMBER.fullmatch,
        "year": _YEAR.fullmatch,
    }
    return tests.get(kind)


def boolean_values(field: Mapping[str, Any]) -> dict[str, bool]:
    """The texts a boolean field accepts, with the value each stands for."""
    true = field.get("trueValues", TRUE_VALUES)
    false = field.get("falseValues", FALSE_VALUES)
    return {**dict.fromkeys(true, True), **dict.fromkeys(false, False)}


def _is_date(value: str) -> bool:
    try:
        return bool(_DATE.fullmatch(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


@lru_cache(maxsize=256)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _header_problem(path: str, header: Sequence[str], names: Sequence[str]) -> Problem:
    """The first column where the file's header and the schema part ways."""
    position = next(i for i, n in enumerate([*names, ""]) if i >= len(header) or header[i] != n)
    found = header[position] if position < len(header) else ""
    expected = names[position] if position < len(names) else "(no column)"
    detail = f"column {position + 1} must be {expected!r}; the schema's columns are {list(names)}"
    return Problem(path, 1, expected, found, "header", detail)


def _cell_problems(table: Table, field: Mapping[str, Any]) -> list[Problem]:
    """Cells that break the field's type, required, enum or pattern rule; each distinct value is
    tested once."""
    name, rules = field["name"], field.get("constraints", {})
    values = set(table.distinct(name)[1])
    broken: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if "" in values and rules.get("required"):
        broken[""].append(("required", "a value is required"))
    values.discard("")
    test = valid(field)
    for value in filterfalse(test, values) if test else ():
        broken[value].append(("type", f"not a valid {field.get('type', 'string')}"))
    for value in values - set(rules["enum"]) if "enum" in rules else ():
        broken[value].append(("enum", f"must be one of {rules['enum']}"))
    if "pattern" in rules:
        for value in filterfalse(_pattern(rules["pattern"]).fullmatch, values):
            broken[value].append(("pattern", f"must match {rules['pattern']}"))
    return _located(table, name, table.columns[name], broken)


def _located(
    table: Table, column: str, cells: Iterable[str], broken: Mapping[str, list[tuple[str, str]]]
) -> list[Problem]:
    """A problem for every cell of `cells` whose value is in `broken`, on the cell's line."""
    if not broken:
        return []
    return [
        Problem(table.path, line, column, value, rule, detail)
        for line, value in zip(table.lines, cells, strict=True)
        if value in broken
        for rule, detail in broken[value]
    ]


def _unique_problems(table: Table, resource: Resource) -> list[Problem]:
    keys = [
        ([f["name"]], "unique") for f in resource.fields if f.get("constraints", {}).get("unique")
    ]
    if resource.primary_key:
        keys.append((resource.primary_key, "primary key"))
    problems = []
    for columns, rule in keys:
        if not _has_duplicates(table, columns):
            continue
        values = _key_values(table, columns)
        first_line: dict[Key, int] = {}
        for line, value in zip(table.lines, values, strict=True):
            if value in first_line:
                detail = f"duplicates line {first_line[value]}"
                problems.append(
                    Problem(table.path, line, ",".join(columns), _shown(value), rule, detail)
                )
            else:
                first_line[value] = line
    return problems


def _has_duplicates(table: Table, columns: Sequence[str]) -> bool:
    codes = pd.DataFrame({c: table.distinct(c)[0] for c in columns})
    return bool(codes.duplicated().any())


def _key_values(table: Table, columns: Sequence[str]) -> Sequence[Key]:
    """Each record's value of a key: its text for one column, a tuple of texts for several."""
    if len(columns) == 1:
        return table.columns[columns[0]]
    return list(zip(*(table.columns[c] for c in columns), strict=True))


def _distinct_keys(table: Table, columns: Sequence[str]) -> set[Key]:
    if len(columns) == 1:
        return set(table.distinct(columns[0])[1])
    return set(_key_values(table, columns))


def _complete(value: Key) -> bool:
    """Whether no part of a key's value is empty (an empty part makes the reference optional)."""
    return all(value) if isinstance(value, tuple) else value != ""


def _shown(value: Key) -> str:
    return value if isinstance(value, str) else ",".join(value)


def _precision_problems(table: Table, names: Sequence[str]) -> list[Problem]:
    """Dates that disagree with their precision column; each distinct pair is tested once."""
    problems = []
    for column in (n for n in names if n.endswith(PRECISION_SUFFIX)):
        date_column = column.removesuffix(PRECISION_SUFFIX)
        dates, precisions = table.columns[date_column], table.columns[column]
        pairs = set(zip(dates, precisions, strict=True))
        broken = {pair: why for pair in pairs if (why := _precision_mismatch(*pair))}
        if not broken:
            continue
        problems += [
            Problem(table.path, line, column, precision, "date precision",
                    f"{broken[(date, precision)]} ({date_column} is {date!r})")
            for line, date, precision in zip(table.lines, dates, precisions, strict=True)
            if (date, precision) in broken
        ]  # fmt: skip
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
