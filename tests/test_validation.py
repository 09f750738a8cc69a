"""Every validation rule, proven on a broken copy of the data: the error names file, line,
column, value and rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import helpers

# (table, CSV line, column, bad value, rule named in the message)
BROKEN_CELLS = [
    ("countries", 2, "post_soviet", "yes", "type"),
    ("sources", 4, "date", "2025-13-40", "type"),
    ("countries", 3, "name", "", "required"),
    ("countries", 4, "region", "Baltic", "enum"),
    ("sources", 3, "kind", "blog", "enum"),
    ("countries", 5, "iso3", "Blr", "pattern"),
    ("sources", 2, "url", "www.example.org", "pattern"),
    ("countries", 6, "name", "Armenia", "unique"),
    ("countries", 3, "iso3", "ARM", "primary key"),
    ("countries", 7, "source_id", "no-such-source", "foreign key"),
    ("sources", 2, "date_precision", "year", "date precision"),
    ("sources", 4, "date_precision", "", "date precision"),
]


@pytest.mark.parametrize(("table", "line", "column", "value", "rule"), BROKEN_CELLS)
def test_a_broken_cell_is_named_precisely(set_cell, table, line, column, value, rule):
    folder = set_cell(table, line, column, value)
    with pytest.raises(helpers.DataError) as caught:
        helpers.load(table, data_dir=folder)
    where = f"data/{table}.csv, line {line}, column {column!r}, value {value!r}"
    assert f"{where}:" in str(caught.value)
    assert f"[rule: {rule}]" in str(caught.value)


def test_a_renamed_column_breaks_the_header(data_copy):
    path = data_copy / "countries.csv"
    path.write_text(path.read_text().replace("official_name", "long_name", 1))
    where = "data/countries.csv, line 1, column 'official_name', value 'long_name'"
    with pytest.raises(helpers.DataError, match=rf"{where}: .*\[rule: header\]"):
        helpers.load("countries", data_dir=data_copy)


def test_a_missing_file_is_named(data_copy):
    (data_copy / "countries.csv").unlink()
    with pytest.raises(
        helpers.DataError, match=r"data/countries.csv: listed .* missing \[rule: file\]"
    ):
        helpers.load("sources", data_dir=data_copy)


def test_an_undescribed_file_is_named(data_copy):
    (data_copy / "extra.csv").write_text("a,b\n1,2\n")
    with pytest.raises(helpers.DataError, match=r"data/extra.csv: .*not described.*\[rule: file\]"):
        helpers.load("sources", data_dir=data_copy)


def test_every_problem_is_reported_at_once(set_cell):
    set_cell("sources", 2, "kind", "blog")
    folder = set_cell("countries", 3, "region", "Mars")
    with pytest.raises(helpers.DataError, match=r"^2 problem\(s\)"):
        helpers.load("countries", data_dir=folder)


def test_loading_never_writes_to_the_data_folder(data_copy):
    def digest() -> dict[str, str]:
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data_copy.rglob("*"))
            if p.is_file()
        }

    before = digest()
    for name in helpers.tables(data_dir=data_copy):
        helpers.load(name, data_dir=data_copy)
    assert digest() == before


def test_tables_are_typed():
    countries = helpers.load("countries")
    sources = helpers.load("sources")
    assert isinstance(countries["region"].dtype, pd.CategoricalDtype)
    assert countries["post_soviet"].dtype == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(sources["date"])


def test_load_returns_a_fresh_copy_each_time():
    first = helpers.load("countries")
    first.loc[0, "name"] = "changed"
    assert helpers.load("countries").loc[0, "name"] != "changed"


def test_an_unknown_table_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"known: \[.*'countries'.*'sources'"):
        helpers.load("members")


def test_a_folder_without_descriptor_is_refused(tmp_path: Path):
    with pytest.raises(helpers.DataError, match="no data package descriptor"):
        helpers.tables(data_dir=tmp_path)


def test_an_edited_file_is_read_again(set_cell):
    folder = set_cell("countries", 2, "name", "Armenia")
    assert helpers.load("countries", data_dir=folder).loc[0, "name"] == "Armenia"
    set_cell("countries", 2, "note", "edited while loaded")
    assert helpers.load("countries", data_dir=folder).loc[0, "note"] == "edited while loaded"
