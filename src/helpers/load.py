"""Read the data package: list its tables and load each one validated and typed.

This is the only module that reads ``data/``. A folder is read and checked once per process, and
again only when one of its files changes; later calls get copies of the cached tables.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .validate import DataError, Problem, Row, check_foreign_keys, check_table, read_rows

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DESCRIPTOR = "datapackage.json"


def tables(data_dir: str | Path | None = None) -> list[str]:
    """The names of the tables in the data package, in the descriptor's order."""
    return list(_checked(_folder(data_dir)))


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table, validated with the whole package and typed (dates, categories, booleans)."""
    package = _checked(_folder(data_dir))
    if name not in package:
        raise KeyError(f"no table {name!r} in the data package; known: {sorted(package)}")
    return package[name].copy()


def describe(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The package at a glance: one row per table with its title, size and description."""
    folder = _folder(data_dir)
    package = _checked(folder)
    rows = [
        {
            "table": r["name"],
            "title": r["title"],
            "rows": len(package[r["name"]]),
            "columns": len(r["schema"]["fields"]),
            "description": r["description"],
        }
        for r in _descriptor(folder)["resources"]
    ]
    return pd.DataFrame(rows).set_index("table")


def schema(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    """The Table Schema of one table, as written in the descriptor."""
    for resource in _descriptor(_folder(data_dir))["resources"]:
        if resource["name"] == name:
            return resource["schema"]
    raise KeyError(f"no table {name!r} in the data package")


def _folder(data_dir: str | Path | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else DATA_DIR


def _descriptor(folder: Path) -> dict[str, Any]:
    path = folder / DESCRIPTOR
    if not path.is_file():
        raise DataError(f"{path}: no data package descriptor here")
    return json.loads(path.read_text(encoding="utf-8"))


def _checked(folder: Path) -> dict[str, pd.DataFrame]:
    """The folder's typed tables, read again only when a file's size or mtime changes."""
    files = sorted(p for p in folder.glob("*") if p.suffix in {".csv", ".json"})
    return _package(folder, tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=16)
def _package(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> dict[str, pd.DataFrame]:
    """Read and check every table of a folder, then type them; raise DataError on any problem.
    `stamp` (each file's name, modification time and size) only keys the cache."""
    resources = _descriptor(folder)["resources"]
    raw: dict[str, list[Row]] = {}
    problems: list[Problem] = _unlisted_files(folder, resources)
    for resource in resources:
        path = folder / resource["path"]
        shown = f"{folder.name}/{resource['path']}"
        if not path.is_file():
            problems.append(
                Problem(shown, 0, "", "", "file", "listed in the descriptor but missing")
            )
            continue
        header, rows = read_rows(path)
        problems += check_table(shown, header, rows, resource["schema"])
        raw[resource["name"]] = rows
    for resource in resources:
        if resource["name"] in raw:
            shown = f"{folder.name}/{resource['path']}"
            problems += check_foreign_keys(shown, raw[resource["name"]], resource["schema"], raw)
    if problems:
        listed = "\n".join(f"  {p}" for p in sorted(problems))
        raise DataError(f"{len(problems)} problem(s) in the data package at {folder}:\n{listed}")
    return {r["name"]: _typed(raw[r["name"]], r["schema"]) for r in resources}


def _unlisted_files(folder: Path, resources: list[dict[str, Any]]) -> list[Problem]:
    listed = {r["path"] for r in resources}
    return [
        Problem(
            f"{folder.name}/{p.name}", 0, "", "", "file", "CSV file not described in the descriptor"
        )
        for p in sorted(folder.glob("*.csv"))
        if p.name not in listed
    ]


def _typed(rows: list[Row], table_schema: dict[str, Any]) -> pd.DataFrame:
    """A DataFrame of checked text cells, each column converted to its schema type."""
    columns = {
        f["name"]: _column(
            pd.Series([row.get(f["name"]) or None for _, row in rows], dtype=object), f
        )
        for f in table_schema["fields"]
    }
    return pd.DataFrame(columns)


def _column(cells: pd.Series, field: dict[str, Any]) -> pd.Series:
    """One column of text cells (None where empty) as its schema type."""
    enum = field.get("constraints", {}).get("enum")
    kind = field.get("type", "string")
    if enum:
        return pd.Series(pd.Categorical(cells, categories=enum), index=cells.index)
    if kind == "date":
        return pd.to_datetime(cells, format="%Y-%m-%d")
    if kind == "boolean":
        return cells.map({"true": True, "false": False}).astype("boolean")
    if kind == "integer":
        return cells.astype("Int64")
    if kind == "number":
        return cells.astype("Float64")
    return cells.astype("string")
