"""Strict reading: every structural breach of a CSV file is a DataError naming file, line, column
and rule, by both ways of splitting cells; changes that are no breach load identical tables."""

from __future__ import annotations

import importlib
import json
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


def test_a_clean_file_is_split_at_once(data_copy, monkeypatch):
    def refused(path: str, text: str) -> None:
        raise AssertionError(f"{path} read record by record")

    numbers = {"fields": [{"name": "1", "type": "integer"}, {"name": "2", "type": "integer"}]}
    add_table(data_copy, "numbers", numbers, b"1,2\n3,4\n5,6\n")
    monkeypatch.setattr(csvfile, "AT_ONCE_BYTES", 0)
    monkeypatch.setattr(csvfile, "_table_record_by_record", refused)
    assert len(tables_of(data_copy)) == len(helpers.tables()) + 1  # and the added table
    assert helpers.load("numbers", data_dir=data_copy)["2"].tolist() == [4, 6]


@pytest.mark.parametrize("text", ["NA", "null", "NaN", "None", "#N/A", "0", "1.0"])
def test_text_that_looks_missing_or_numeric_stays_text(set_cell, splitter, text):
    folder = set_cell("countries", 3, "note", text)
    assert helpers.load("countries", data_dir=folder).loc[1, "note"] == text


def test_an_empty_required_cell_is_caught_by_both_splitters(set_cell, splitter):
    text = message(set_cell("countries", 3, "name", ""))
    assert "line 3, column 'name', value '': a value is required [rule: required]" in text


def test_a_long_cell_is_no_error(set_cell, splitter):
    folder = set_cell("countries", 3, "note", "word, " * 40_000)
    assert len(helpers.load("countries", data_dir=folder).loc[1, "note"]) == 240_000


def add_table(folder: Path, name: str, schema: dict, text: bytes) -> Path:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append({"name": name, "path": f"{name}.csv", "schema": schema})
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / f"{name}.csv").write_bytes(text)
    return folder


def one_column_table(folder: Path, text: bytes) -> Path:
    return add_table(folder, "letters", {"fields": [{"name": "letter", "type": "string"}]}, text)


def test_a_one_column_table_loads_and_refuses_an_empty_line(data_copy, splitter):
    folder = one_column_table(data_copy, b"letter\na\nb\n")
    assert helpers.load("letters", data_dir=folder)["letter"].tolist() == ["a", "b"]
    (folder / "letters.csv").write_bytes(b"letter\na\n\nb\n")
    says = "0 field(s) where the header has 1 (an empty line) [rule: fields]"
    assert f"data/letters.csv, line 3, column 'letter', value '': {says}" in message(folder)


@pytest.mark.parametrize(
    ("line", "change"),
    [(1, lambda s: s.replace(b"iso3", b"is\x00o3")), (4, lambda s: s + b",extra\x00")],
)
def test_a_character_outside_the_columns_names_no_column(data_copy, line, change):
    text = message(edit(data_copy, "countries", on_line(line, change)))
    assert f"data/countries.csv, line {line}: a control character (U+0000)" in text


def every_line(change: Edit) -> Edit:
    return lambda data: b"".join(change(line) + b"\n" for line in data.split(b"\n")[:-1])


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (every_line(lambda s: s + b",extra"), "line 1, column '(no column)', value 'extra': "
         "column 11 must be '(no column)'"),
        (every_line(lambda s: s.rsplit(b",", 1)[0]), "line 1, column 'note', value '': "
         "column 10 must be 'note'"),
        (on_line(1, lambda s: s.replace(b"name,", b"Name,", 1)), "line 1, column 'name', "
         "value 'Name': column 2 must be 'name'"),
    ],
)  # fmt: skip
def test_a_header_that_differs_from_the_schema_is_named(data_copy, change, says):
    folder = edit(data_copy, "countries", change)
    assert f"data/countries.csv, {says}; the schema's columns are ['iso3'," in message(folder)


def test_a_composite_key_is_named_with_its_columns(set_cell):
    set_cell("status_changes", 3, "date", "1991-12-08")
    text = message(set_cell("status_changes", 3, "legal_status", "none"))
    where = "data/status_changes.csv, line 3, column 'iso3,date', value 'ARM,1991-12-08'"
    assert f"{where}: duplicates line 2 [rule: primary key]" in text


def test_a_record_of_the_wrong_length_is_shown_whole(data_copy, splitter):
    folder = edit(data_copy, "countries", on_line(4, lambda s: s + b",extra"))
    shown = "BLR,Belarus,Republic of Belarus,Eastern Europe,true,"
    assert f"line 4, column 'note', value '{shown}" in message(folder)
    assert ",,extra': 11 field(s) where the header has 10 [rule: fields]" in message(folder)
