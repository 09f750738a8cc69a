"""Every validation rule, proven on a broken copy of the data: the error names file, line,
column, value and rule."""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import helpers

loader = importlib.import_module("helpers.load")

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


def refusal(set_cell, table: str, line: int, column: str, value: str) -> str:
    """The DataError message for a copy of the data with `value` written into one cell."""
    folder = set_cell(table, line, column, value)
    with pytest.raises(helpers.DataError) as caught:
        helpers.load(table, data_dir=folder)
    return str(caught.value)


@pytest.mark.parametrize(("table", "line", "column", "value", "rule"), BROKEN_CELLS)
def test_a_broken_cell_is_named_precisely(set_cell, table, line, column, value, rule):
    text = refusal(set_cell, table, line, column, value)
    where = f"data/{table}.csv, line {line}, column {column!r}, value {value!r}"
    assert f"{where}:" in text
    assert f"[rule: {rule}]" in text


def test_a_renamed_column_breaks_the_header(data_copy):
    path = data_copy / "countries.csv"
    path.write_text(path.read_text().replace("official_name", "long_name", 1))
    where = "data/countries.csv, line 1, column 'official_name', value 'long_name'"
    with pytest.raises(helpers.DataError, match=rf"{where}: .*\[rule: header\]"):
        helpers.load("countries", data_dir=data_copy)


def test_a_missing_file_is_named_with_the_other_problems(data_copy, set_cell):
    set_cell("un_votes", 2, "vote", "maybe")
    (data_copy / "countries.csv").unlink()
    with pytest.raises(helpers.DataError, match=r"data/un_votes.csv, line 2, column 'vote'"):
        helpers.load("sources", data_dir=data_copy)
    with pytest.raises(
        helpers.DataError, match=r"data/countries.csv: listed .* missing \[rule: file\]"
    ):
        helpers.load("sources", data_dir=data_copy)


def test_an_undescribed_file_is_named(data_copy):
    (data_copy / "extra.csv").write_text("a,b\n1,2\n")
    with pytest.raises(helpers.DataError) as caught:
        helpers.load("sources", data_dir=data_copy)
    assert str(caught.value).endswith(
        ":\n  data/extra.csv: CSV file not described in the descriptor [rule: file]"
    )


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
    assert helpers.load("chairmanships")["year"].dtype == "Int64"
    assert helpers.load("claims")["value"].dtype == "Float64"
    assert countries["note"].dtype == "string" and countries["note"].isna().any()


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


# Rules proven with values that break only that rule
ONLY_ONE_RULE = [
    ("sources", 2, "url", "https://example.org x", "pattern"),  # the pattern is anchored at the end
    ("sources", 2, "url", "see https://example.org", "pattern"),  # and at the start
    ("sources", 4, "date", "2022-1-05", "type"),  # a date is YYYY-MM-DD
    ("sources", 4, "date", "2022-02-30", "type"),  # a day that does not exist
    ("sources", 4, "date", "\u0662022-01-05", "type"),  # ASCII digits only (not Arabic-Indic)
    ("claims", 2, "value", "1_000", "type"),  # not a number, though float() takes it
    ("claims", 2, "value", " 12", "type"),
    ("chairmanships", 2, "year", "2012.0", "type"),  # an integer
    ("countries", 2, "post_soviet", "yes", "type"),
]


@pytest.mark.parametrize(("table", "line", "column", "value", "rule"), ONLY_ONE_RULE)
def test_each_rule_on_its_own(set_cell, table, line, column, value, rule):
    text = refusal(set_cell, table, line, column, value)
    assert text.startswith("1 problem(s)")
    assert f"data/{table}.csv, line {line}, column {column!r}, value {value!r}:" in text
    assert f"[rule: {rule}]" in text


@pytest.mark.parametrize(
    ("date", "precision", "says"),
    [
        ("2022-12-15", "month", "a month-precise date is written as the 1st of the month"),
        ("2022-12-01", "year", "a year-precise date is written as 1 January"),
        ("", "day", "a date and its precision go together (precision is 'day')"),
    ],
)
def test_a_date_and_its_precision_agree(set_cell, date, precision, says):
    set_cell("sources", 2, "date", date)
    folder = set_cell("sources", 2, "date_precision", precision)
    with pytest.raises(helpers.DataError) as caught:
        helpers.load("sources", data_dir=folder)
    where = f"data/sources.csv, line 2, column 'date_precision', value {precision!r}"
    assert f"{where}: {says} (date is {date!r}) [rule: date precision]" in str(caught.value)


@pytest.mark.parametrize(("date", "precision"), [("2022-12-01", "month"), ("2022-01-01", "year")])
def test_a_date_that_agrees_with_its_precision_loads(set_cell, date, precision):
    set_cell("sources", 2, "date", date)
    folder = set_cell("sources", 2, "date_precision", precision)
    assert helpers.load("sources", data_dir=folder).loc[0, "date"] == pd.Timestamp(date)


def test_the_message_lists_problems_in_file_and_line_order(set_cell):
    set_cell("sources", 5, "kind", "blog")
    set_cell("sources", 3, "kind", "vlog")
    folder = set_cell("countries", 2, "region", "Mars")
    with pytest.raises(helpers.DataError) as caught:
        helpers.tables(data_dir=folder)
    lines = str(caught.value).splitlines()
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["  data/countries.csv", " line 2"],
        ["  data/sources.csv", " line 3"],
        ["  data/sources.csv", " line 5"],
    ]


def test_an_edit_keeping_size_and_mtime_is_read_again(set_cell):
    folder = set_cell("countries", 2, "name", "Armenia")
    path = folder / "countries.csv"
    assert helpers.load("countries", data_dir=folder).loc[0, "name"] == "Armenia"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Armenia,", b"Armenie,", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert helpers.load("countries", data_dir=folder).loc[0, "name"] == "Armenie"


def test_an_edit_of_the_descriptor_is_read_again(data_copy):
    path = data_copy / "datapackage.json"
    assert helpers.describe(data_dir=data_copy).loc["countries", "title"] == "Countries"
    path.write_text(path.read_text(encoding="utf-8").replace('"Countries"', '"States"', 1))
    assert helpers.describe(data_dir=data_copy).loc["countries", "title"] == "States"


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The content digests the cache computes, as it computes them."""
    computed: list[bytes] = []
    original = loader._digest

    def counted(files: dict[str, bytes]) -> bytes:
        computed.append(original(files))
        return computed[-1]

    monkeypatch.setattr(loader, "_digest", counted)
    return computed


def test_a_settled_stamp_spares_the_digest(data_copy, digests, monkeypatch):
    monkeypatch.setattr(loader, "RACY_NS", 0)
    helpers.load("countries", data_dir=data_copy)
    helpers.load("countries", data_dir=data_copy)
    assert len(digests) == 1


def test_a_recent_change_is_verified_by_content(data_copy, digests):
    helpers.load("countries", data_dir=data_copy)  # the files were just copied: racy
    helpers.load("countries", data_dir=data_copy)
    assert len(digests) == 2


def test_without_a_trustworthy_ctime_every_look_is_by_content(data_copy, digests, monkeypatch):
    monkeypatch.setattr(loader, "RACY_NS", 0)
    monkeypatch.setattr(loader, "TRUSTS_CTIME", False)
    helpers.load("countries", data_dir=data_copy)
    helpers.load("countries", data_dir=data_copy)
    assert len(digests) == 2


def test_a_changed_stamp_with_the_same_content_keeps_the_tables(data_copy, digests, monkeypatch):
    monkeypatch.setattr(loader, "RACY_NS", 0)
    first = loader._checked(data_copy.resolve())
    (data_copy / "countries.csv").touch()
    assert loader._checked(data_copy.resolve()) is first
    assert len(digests) == 2


def test_the_cache_keeps_a_bounded_number_of_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "_CACHE", type(loader._CACHE)())
    monkeypatch.setattr(loader, "CACHED_FOLDERS", 2)
    folders = [shutil.copytree(helpers.DATA_DIR, tmp_path / str(i)) for i in range(3)]
    for folder in folders:
        helpers.tables(data_dir=folder)
    assert list(loader._CACHE) == [Path(f).resolve() for f in folders[1:]]


@pytest.fixture
def kept(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A disk cache in `tmp_path` for a copy of the data standing in for the repository's own,
    and no checked package in memory."""
    monkeypatch.setattr(loader, "DATA_DIR", data_copy.resolve())
    monkeypatch.setattr(loader, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(loader, "_CACHE", type(loader._CACHE)())
    return tmp_path / "cache"


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process, as far as the loader can tell: nothing checked in memory."""
    monkeypatch.setattr(loader, "_CACHE", type(loader._CACHE)())


def test_a_checked_package_is_kept_on_disk_and_served_unchecked(kept, monkeypatch):
    first = {name: helpers.load(name) for name in helpers.tables()}
    assert len(list(kept.glob("package-*.pickle"))) == 1
    forget(monkeypatch)
    monkeypatch.setattr(loader, "_package", lambda *_: pytest.fail("checked again"))
    for name, frame in first.items():
        pd.testing.assert_frame_equal(helpers.load(name), frame)


def test_a_changed_byte_is_checked_again(kept, data_copy, monkeypatch):
    helpers.load("countries")
    forget(monkeypatch)
    path = data_copy / "countries.csv"
    path.write_bytes(path.read_bytes().replace(b"Armenia,", b"Armenie,", 1))
    assert helpers.load("countries").loc[0, "name"] == "Armenie"
    path.write_bytes(path.read_bytes().replace(b"Armenie,", b"Armenia,,", 1))
    forget(monkeypatch)
    with pytest.raises(helpers.DataError):
        helpers.load("countries")


def test_changed_code_is_a_different_key(kept, monkeypatch):
    helpers.load("countries")
    forget(monkeypatch)
    monkeypatch.setattr(loader, "_code_digest", lambda: b"other code")
    helpers.load("countries")
    assert len(list(kept.glob("package-*.pickle"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_damaged_cache_file_is_checked_again_and_replaced(kept, monkeypatch, damage):
    expected = helpers.load("countries")
    (stored,) = kept.glob("package-*.pickle")
    stored.write_bytes(damage)
    forget(monkeypatch)
    pd.testing.assert_frame_equal(helpers.load("countries"), expected)
    assert stored.read_bytes() != damage


def test_an_unwritable_cache_is_no_error(kept, monkeypatch):
    kept.write_text("a file where the folder should be")
    assert len(helpers.load("countries")) == 15


def test_only_the_newest_packages_are_kept(kept, monkeypatch):
    monkeypatch.setattr(loader, "STORED", 2)
    for code in [b"a", b"b", b"c"]:
        forget(monkeypatch)
        monkeypatch.setattr(loader, "_code_digest", lambda code=code: code)
        helpers.load("countries")
    assert len(list(kept.glob("package-*.pickle"))) == 2
    assert not list(kept.glob("*.part"))


def test_a_derived_frame_is_built_once_per_version_of_the_data(data_copy, set_cell):
    built = []

    def build():
        built.append(1)
        return helpers.load("countries", data_copy)[["iso3", "name"]]

    first = loader.remembered("names", data_copy, build)
    first.loc[0, "name"] = "changed by the caller"
    again = loader.remembered("names", data_copy, build)
    assert len(built) == 1 and again.loc[0, "name"] == "Armenia"  # a copy was handed out
    set_cell("countries", 2, "name", "Armenie")
    assert loader.remembered("names", data_copy, build).loc[0, "name"] == "Armenie"
    assert len(built) == 2


def test_a_derived_frame_is_kept_on_disk_with_the_package(kept, monkeypatch):
    panel = helpers.panel()
    forget(monkeypatch)
    monkeypatch.setattr(loader, "_package", lambda *_: pytest.fail("checked again"))
    monkeypatch.setattr(helpers.country_year, "_panel", lambda *_: pytest.fail("built again"))
    pd.testing.assert_frame_equal(helpers.panel(), panel)
