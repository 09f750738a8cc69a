"""Shared test set-up: offline kernels and broken copies of the data package."""

from __future__ import annotations

import csv
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = Path(__file__).resolve().parent / "offline"


def pytest_configure(config: pytest.Config) -> None:
    """Every process the tests start (nbval's kernels included) imports the offline guard."""
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")])
    )
    # The unit tests check the data themselves: a package kept on disk by an earlier run (or by
    # a mutant of the checks) must not stand in for checking it. The notebooks' kernels use it.
    sys.modules["helpers.load"].CACHE_DIR = None


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    return Path(shutil.copytree(helpers.DATA_DIR, tmp_path / "data"))


@pytest.fixture
def set_cell(data_copy: Path) -> Callable[[str, int, str, str], Path]:
    """Write `value` into column `column` of the record on CSV line `line` of table `table`."""

    def set_cell(table: str, line: int, column: str, value: str) -> Path:
        path = data_copy / f"{table}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        rows[line - 1][rows[0].index(column)] = value
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
        return data_copy

    return set_cell


@pytest.fixture
def add_row(data_copy: Path) -> Callable[..., Path]:
    """Append a record to table `table` of the copy, with `values` by column (others empty)."""

    def add_row(table: str, **values: str) -> Path:
        path = data_copy / f"{table}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            columns = next(csv.reader(handle))
        with path.open("a", newline="", encoding="utf-8") as handle:
            csv.DictWriter(handle, columns, lineterminator="\n").writerow(values)
        return data_copy

    return add_row
