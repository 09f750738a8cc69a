"""Read the data package: list its tables and load each one validated and typed.

This is the only module that reads ``data/``. A folder is read and checked once per process, and
again only when the content of one of its files changes; later calls get copies of the tables.

The cache key cannot be fooled by an edit that keeps a file's size and modification time: each
file's status change time (ctime, which no program can set back) and inode are part of it, and a
content digest (SHA-256 of every file) decides whenever those are not conclusive: when they
changed, when a file changed within two seconds of the last look (the clock may not have ticked
in between), and always on Windows, where ctime is the creation time.

The repository's own data, once checked, is also kept on disk (``CACHE_DIR``) under a key made
of the content of every data file and of this package's code, so that a new kernel gets the
checked tables in 0.02 s instead of checking them again (0.15-0.3 s); change any byte of either
and the key changes. Other folders (copies made by tests, say) are always checked. Frames derived
from the data alone (``remembered``: the panel, the discrepancies) are kept with the package.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import descriptor as described
from .csvfile import Table, read_table
from .descriptor import Resource
from .problems import DataError, Problem, raise_if_any
from .validate import boolean_values, check_foreign_keys, check_table

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DESCRIPTOR = "datapackage.json"
CACHED_FOLDERS = 16
RACY_NS = 2_000_000_000  # a file changed this close to a look is verified by its content
TRUSTS_CTIME = os.name != "nt"
# Where checked packages of DATA_DIR are kept between processes (None: nowhere); the newest
# STORED of them are kept.
CACHE_DIR: Path | None = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / (
    "cis-notebooks"
)
STORED = 4

Stamp = tuple[tuple[str, int, int, int, int], ...]


@dataclass(frozen=True)
class Package:
    """A checked folder: its descriptor as written, its tables as described and as read; each
    table is typed when first asked for. A package kept on disk holds its typed tables only."""

    descriptor: dict[str, Any]
    resources: dict[str, Resource]
    tables: dict[str, Table]
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    derived: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    disk: tuple[Path, str] | None = None  # where it is kept between processes, and its key

    def frame(self, name: str) -> pd.DataFrame:
        """The typed table `name` (the cached one: copy it before handing it out)."""
        if name not in self._frames:
            self._frames[name] = typed(self.tables[name], self.resources[name])
        return self._frames[name]


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp
    seen: int  # time.time_ns() when the stamp was taken
    digest: bytes
    package: Package


_CACHE: OrderedDict[Path, _Entry] = OrderedDict()


def tables(data_dir: str | Path | None = None) -> list[str]:
    """The names of the tables in the data package, in the descriptor's order."""
    return list(_checked(_folder(data_dir)).resources)


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table, validated with the whole package and typed (dates, categories, booleans)."""
    package = _checked(_folder(data_dir))
    if name not in package.resources:
        raise KeyError(f"no table {name!r} in the data package; known: {sorted(package.resources)}")
    return package.frame(name).copy()


def describe(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The package at a glance: one row per table with its title, size and description."""
    package = _checked(_folder(data_dir))
    rows = [
        {
            "table": r["name"],
            "title": r.get("title", ""),
            "rows": len(package.frame(r["name"])),
            "columns": len(r["schema"]["fields"]),
            "description": r.get("description", ""),
        }
        for r in package.descriptor["resources"]
    ]
    return pd.DataFrame(rows).set_index("table")


def schema(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    """The Table Schema of one table, as written in the (checked) descriptor."""
    folder = _folder(data_dir)
    descriptor, _ = _descriptor(folder, _read(folder / DESCRIPTOR))
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource["schema"]
    raise KeyError(f"no table {name!r} in the data package")


def _folder(data_dir: str | Path | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else DATA_DIR


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise DataError(f"{path}: no data package descriptor here")
    return path.read_bytes()


def _checked(folder: Path) -> Package:
    """The folder's checked package, from the cache unless a file may have changed."""
    seen, stamp = time.time_ns(), _stamp(folder)
    entry = _CACHE.get(folder)
    if entry is None or entry.stamp != stamp or not _settled(entry):
        files = _files(folder)
        digest = _digest(files)
        package = (
            entry.package if entry and entry.digest == digest else _kept(folder, files, digest)
        )
        entry = _Entry(stamp, seen, digest, package)
    _CACHE[folder] = entry
    _CACHE.move_to_end(folder)
    while len(_CACHE) > CACHED_FOLDERS:
        _CACHE.popitem(last=False)
    return entry.package


def _watched(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as found:
        return sorted(
            (e for e in found if e.name.endswith(".csv") or e.name == DESCRIPTOR),
            key=lambda e: e.name,
        )


def _stamp(folder: Path) -> Stamp:
    """Each watched file's name, size, modification and status change times, and inode."""
    stats = [(e.name, e.stat()) for e in _watched(folder)] if folder.is_dir() else []
    return tuple((n, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino) for n, s in stats)


def _settled(entry: _Entry) -> bool:
    """Whether the stamp alone proves the files unchanged since the entry was made: no file had
    changed within RACY_NS of the look, so any later change shows in its ctime."""
    return TRUSTS_CTIME and all(ctime < entry.seen - RACY_NS for *_, ctime, _ in entry.stamp)


def _files(folder: Path) -> dict[str, bytes]:
    if not (folder / DESCRIPTOR).is_file():
        raise DataError(f"{folder / DESCRIPTOR}: no data package descriptor here")
    return {e.name: Path(e.path).read_bytes() for e in _watched(folder)}


def _digest(files: dict[str, bytes]) -> bytes:
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


def _kept(folder: Path, files: dict[str, bytes], digest: bytes) -> Package:
    """The checked package of `files`: for DATA_DIR from the disk cache when it holds one made
    from the same data by the same code, else read and checked (and then stored, typed)."""
    if folder != DATA_DIR or CACHE_DIR is None:
        return _package(folder, files)
    key = hashlib.sha256(digest + _code_digest()).hexdigest()[:32]
    path = CACHE_DIR / f"package-{key}.pickle"
    with contextlib.suppress(Exception), _collector_paused():  # unreadable, cut short, or from
        stored_key, package = pickle.loads(path.read_bytes())  # other versions: check instead
        if stored_key == key and isinstance(package, Package):
            return package
    checked = _package(folder, files)
    frames = {n: checked.frame(n) for n in checked.resources}
    package = Package(checked.descriptor, checked.resources, {}, frames, disk=(path, key))
    _store(path, key, package)
    return package


def remembered(
    name: str, data_dir: str | Path | None, build: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """A copy of ``build()``'s frame, computed once per version of the data and of this code: kept
    with the folder's checked package, and for the repository's own data on disk with it."""
    package = _checked(_folder(data_dir))
    if name not in package.derived:
        package.derived[name] = build()
        if package.disk is not None:
            _store(*package.disk, package)
    return package.derived[name].copy()


@functools.cache
def _code_digest() -> bytes:
    """A digest of this package's code and of the versions of Python, pandas and NumPy it runs
    on."""
    digest = hashlib.sha256(f"{sys.version}\0{pd.__version__}\0{np.__version__}\0".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.digest()


def _store(path: Path, key: str, package: Package) -> None:
    """Write the package whole or not at all, and keep only the newest STORED; a cache that
    cannot be written is no error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as out:
            pickle.dump((key, package), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
        kept = sorted(path.parent.glob("package-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in kept[:-STORED]:
            old.unlink()


def _descriptor(folder: Path, data: bytes) -> tuple[dict[str, Any], list[Resource]]:
    """The descriptor and its resources; DataError if it cannot be honoured."""
    shown = f"{folder.name}/{DESCRIPTOR}"
    descriptor, problems = described.parse(shown, data)
    resources: list[Resource] = []
    if not problems:
        resources, problems = described.resources(shown, descriptor)
    raise_if_any(problems, f"the data package's descriptor at {folder}")
    return descriptor, resources


def _package(folder: Path, files: dict[str, bytes]) -> Package:
    """Read and check every table of a folder, then type them; raise DataError on any problem."""
    with _collector_paused():
        return _read_package(folder, files)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the garbage collector: it would scan the many new cells of a package to no purpose."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _read_package(folder: Path, files: dict[str, bytes]) -> Package:
    descriptor, resources = _descriptor(folder, files[DESCRIPTOR])
    problems = _unlisted_files(folder, files, resources)
    read: dict[str, Table] = {}
    for resource in resources:
        shown = f"{folder.name}/{resource.path}"
        if resource.path not in files:
            problems.append(
                Problem(shown, 0, "", "", "file", "listed in the descriptor but missing")
            )
            continue
        table, found = read_checked(shown, resource, files[resource.path])
        problems += found
        if table is not None:
            read[resource.name] = table
    for resource in resources:
        if resource.name in read:
            problems += check_foreign_keys(read[resource.name], resource, read)
    raise_if_any(problems, f"the data package at {folder}")
    return Package(descriptor, {r.name: r for r in resources}, read)


def read_checked(shown: str, resource: Resource, data: bytes) -> tuple[Table | None, list[Problem]]:
    """One file read strictly and checked against its schema, keys to other tables aside; the
    table is None when it cannot be read or its header is not the schema's."""
    table, problems = read_table(shown, data)
    if table is None:
        return None, problems
    problems = check_table(table, resource)
    return (None if any(p.rule == "header" for p in problems) else table), problems


def _unlisted_files(
    folder: Path, files: dict[str, bytes], resources: list[Resource]
) -> list[Problem]:
    listed = {r.path for r in resources}
    return [
        Problem(
            f"{folder.name}/{name}", 0, "", "", "file", "CSV file not described in the descriptor"
        )
        for name in files
        if name.endswith(".csv") and name not in listed
    ]


def typed(table: Table, resource: Resource) -> pd.DataFrame:
    """A DataFrame of checked text cells, each column converted to its schema type."""
    return pd.DataFrame({f["name"]: _column(table.columns[f["name"]], f) for f in resource.fields})


def _column(texts: Any, field: dict[str, Any]) -> pd.Series:
    """One column of checked text cells as its schema type (missing where empty)."""
    cells = texts.copy()  # the cached table stays as read
    cells[cells == ""] = None
    enum = field.get("constraints", {}).get("enum")
    kind = field.get("type")
    if enum:
        return pd.Series(pd.Categorical(cells, categories=enum))
    if kind == "date":
        return pd.Series(pd.to_datetime(cells, format="%Y-%m-%d"))
    if kind == "boolean":
        return pd.Series(cells).map(boolean_values(field)).astype("boolean")
    if kind in ("integer", "year"):
        return pd.Series(cells).astype("Int64")
    if kind == "number":
        return pd.Series(cells).astype("Float64")
    return pd.Series(cells).astype("string")
