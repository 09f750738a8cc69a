"""A second opinion: the official frictionless validator finds the package valid, and agrees with
helpers on broken copies, except where helpers is stricter (said and shown here)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import frictionless
import pandas as pd
import pytest

import helpers


def test_the_standard_validator_finds_the_package_valid():
    report = frictionless.validate(str(helpers.DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def small_package(folder: Path, change: Callable[[bytes], bytes]) -> Path:
    """sources and countries (which cites sources) alone, countries.csv changed by `change`."""
    folder.mkdir()
    descriptor = json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] in ("sources", "countries")
    ]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    shutil.copy(helpers.DATA_DIR / "sources.csv", folder)
    countries = (helpers.DATA_DIR / "countries.csv").read_bytes()
    (folder / "countries.csv").write_bytes(change(countries))
    return folder


def both_verdicts(folder: Path) -> tuple[bool, bool]:
    """(helpers accepts the package, frictionless finds it valid)."""
    try:
        helpers.tables(data_dir=folder)
        ours = True
    except helpers.DataError:
        ours = False
    return ours, frictionless.validate(str(folder / "datapackage.json")).valid


BROKEN = {
    "a value of the wrong type": lambda b: b.replace(b",true,", b",yes,", 1),
    "a missing required value": lambda b: b.replace(b",Estonia,", b",,", 1),
    "a value outside the enum": lambda b: b.replace(b",Northern Europe,", b",Baltic,", 1),
    "a value that breaks the pattern": lambda b: b.replace(b"EST,", b"Est,", 1),
    "a duplicate primary key": lambda b: b.replace(b"AZE,", b"ARM,", 1),
    "a dangling foreign key": lambda b: b.replace(b",coco-1.3.2,", b",nowhere,", 1),
    "an extra field": lambda b: b.replace(b"coco-1.3.2,\n", b"coco-1.3.2,,\n", 1),
    "a missing field": lambda b: b.replace(b"coco-1.3.2,\n", b"coco-1.3.2\n", 1),
    "a renamed column": lambda b: b.replace(b"official_name", b"long_name", 1),
    "an empty line": lambda b: b.replace(b"\nAZE,", b"\n\nAZE,", 1),
    "an unclosed quote": lambda b: b.replace(b",Estonia,", b',"Estonia,', 1),
    "a file cut short": lambda b: b[:-20],
}
HARMLESS = {
    "a byte order mark at the start": lambda b: b"\xef\xbb\xbf" + b,
    "Windows line ends": lambda b: b.replace(b"\n", b"\r\n"),
    "needless quotes": lambda b: b.replace(b",Armenia,", b',"Armenia",', 1),
}
# Where helpers is stricter: frictionless reads these on, with different data, and says VALID
STRICTER = {
    "a NUL byte in a cell": lambda b: b.replace(b"Estonia", b"Esto\x00nia", 1),
    "a quote inside a cell that is not quoted": lambda b: b.replace(b"Estonia,", b'Esto"nia,', 1),
    "a byte that is not UTF-8": lambda b: b.replace(b"Estonia", b"Esto\xffnia", 1),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_both_validators_refuse_a_broken_copy(tmp_path, change):
    assert both_verdicts(small_package(tmp_path / "data", change)) == (False, False)


@pytest.mark.parametrize("change", HARMLESS.values(), ids=HARMLESS.keys())
def test_both_validators_accept_a_harmless_change(tmp_path, change):
    folder = small_package(tmp_path / "data", change)
    assert both_verdicts(folder) == (True, True)
    expected = helpers.load("countries")
    pd.testing.assert_frame_equal(helpers.load("countries", data_dir=folder), expected)


@pytest.mark.parametrize("change", STRICTER.values(), ids=STRICTER.keys())
def test_helpers_refuses_what_frictionless_reads_on(tmp_path, change):
    assert both_verdicts(small_package(tmp_path / "data", change)) == (False, True)
