"""Strict reading: every structural breach of a CSV file is a DataError naming file, line, column
and rule, by both ways of splitting cells; changes that are no breach load identical tables."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import helpers

csvfile = importlib.import_module("helpers.csvfile")
loader = importlib.import_module("helpers.load")
Edit = Callable[[bytes], bytes]


@pytest.fixture(params=["record by record", "at once"])
def splitter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the csv module's reading and with pandas' (forced on small files)."""
    if request.param == "at once":
        monkeypatch.setattr(csvfile, "AT_ONCE_BYTES", 0)
    return request.param


def edit(folder: Path, table: str, change: Edit) -> Path:
    path = folder / f"{table}.csv"
    path.write_bytes(change(path.read_bytes()))
    return folder


def on_line(number: int, change: Edit) -> Edit:
    """Apply `change` to one line (1-based) of the file, line break excluded."""

    def changed(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[number - 1] = change(lines[number - 1])
        return b"\n".join(lines)

    return changed


def message(folder: Path) -> str:
    with pytest.raises(helpers.DataError) as caught:
        helpers.tables(data_dir=folder)
    return str(caught.value)


# (table, change, file line, column ('' for none), rule)
BROKEN = [
    ("un_votes", on_line(5, lambda s: b',"'.join(s.rsplit(b",", 1))), 5, "note", "quotes"),
    ("countries", on_line(3, lambda s: s.replace(b"Azerbaijan,", b'Azer"baijan,', 1)), 3, "name",
     "quotes"),
    ("countries", on_line(3, lambda s: s.replace(b",Azerbaijan,", b',"Azerbaijan"x,', 1)), 3,
     "name", "quotes"),
    ("countries", on_line(4, lambda s: s + b",extra"), 4, "note", "fields"),
    ("countries", on_line(4, lambda s: s.rsplit(b",", 1)[0]), 4, "note", "fields"),
    ("countries", on_line(4, lambda s: s.rsplit(b",", 3)[0]), 4, "cow_code_source_id",
     "fields"),
    ("countries", on_line(4, lambda s: b"\n" + s), 4, "iso3", "fields"),
    ("countries", on_line(5, lambda s: s.replace(b"Estonia", b"Esto\x00nia", 1)), 5, "name",
     "character"),
    ("countries", on_line(5, lambda s: s.replace(b"Estonia", b"Esto\x1bnia", 1)), 5, "name",
     "character"),
    ("countries", on_line(5, lambda s: s.replace(b"Estonia", b"Esto\xc2\x85nia", 1)), 5, "name",
     "character"),
    ("countries", on_line(5, lambda s: s.replace(b"Estonia", b"Esto\rnia", 1)), 5, "name",
     "character"),
    ("countries", on_line(6, lambda s: b"\xef\xbb\xbf" + s), 6, "iso3", "character"),
    ("countries", on_line(6, lambda s: s.replace(b"Georgia", b"Geo\xffrgia", 1)), 6, "name",
     "encoding"),
    ("countries", lambda d: d[:-25], 16, "", "line end"),
    ("countries", lambda d: b"", 1, "", "header"),
    ("countries", on_line(1, lambda s: s.replace(b"region", b"name")), 1, "", "header"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "change", "line", "column", "rule"), BROKEN)
def test_a_structural_breach_is_named(data_copy, splitter, table, change, line, column, rule):
    text = message(edit(data_copy, table, change))
    where = f"data/{table}.csv, line {line}" + (f", column {column!r}" if column else ":")
    assert where in text
    assert f"[rule: {rule}]" in text
    assert text.startswith("1 problem(s)")


def test_a_record_swallowed_by_an_open_quote_is_refused(data_copy, splitter):
    """The issue's worst case: an unclosed quote in the last column of un_votes.csv."""
    folder = edit(data_copy, "un_votes", on_line(20, lambda s: s.rsplit(b",", 1)[0] + b',"open'))
    assert "data/un_votes.csv, line 20, column 'note'" in message(folder)


def test_control_characters_are_counted(data_copy):
    folder = edit(data_copy, "countries", lambda d: d.replace(b"Republic", b"Re\x00public"))
    assert "U+0000) is not allowed; 11 such in the file" in message(folder)


def test_bad_bytes_are_shown(data_copy):
    folder = edit(data_copy, "countries", on_line(2, lambda s: s.replace(b"Armenia", b"Arm\xe9")))
    assert "value '\\\\xe9': not valid UTF-8 (byte e9)" in message(folder)


def test_a_file_with_an_empty_line_in_a_quoted_cell_loads(set_cell, splitter):
    folder = set_cell("countries", 3, "note", "one\n\ntwo")
    assert helpers.load("countries", data_dir=folder).loc[1, "note"] == "one\n\ntwo"


def test_lines_are_counted_after_a_quoted_line_break(set_cell, splitter):
    set_cell("countries", 3, "note", "two\nlines")
    folder = set_cell("countries", 5, "iso3", "Blr")
    assert "data/countries.csv, line 6, column 'iso3', value 'Blr'" in message(folder)


def tables_of(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: helpers.load(name, data_dir=folder) for name in helpers.tables(data_dir=folder)}


# Changes that are no breach: the tables must stay exactly the same
HARMLESS: list[Edit] = [
    lambda d: b"\xef\xbb\xbf" + d,  # a byte order mark at the start: accepted, dropped
    lambda d: d.replace(b"\n", b"\r\n"),  # Windows line ends
    lambda d: d.replace(b",Armenia,", b',"Armenia",'),  # a cell quoted that need not be
]


@pytest.mark.parametrize("change", HARMLESS)
def test_a_harmless_change_loads_identical_tables(data_copy, splitter, change):
    expected = tables_of(helpers.DATA_DIR)
    edit(data_copy, "countries", change)
    edit(data_copy, "un_votes", change)
    for name, frame in tables_of(data_copy).items():
        pd.testing.assert_frame_equal(frame, expected[name], check_exact=True)


def test_both_splitters_give_identical_tables(data_copy, monkeypatch):
    expected = tables_of(data_copy)
    monkeypatch.setattr(csvfile, "AT_ONCE_BYTES", 0)
    monkeypatch.setattr(loader, "_CACHE", type(loader._CACHE)())
    for name, frame in tables_of(data_copy).items():
        pd.testing.assert_frame_equal(frame, expected[name], check_exact=True)
