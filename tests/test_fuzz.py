"""Fuzz: hundreds of seeded structural corruptions of the data package's files. Each must raise a
DataError; each change that is no corruption must load identical tables. Nothing else may happen:
no silent load of different data, no other exception.

Every case goes through the loader's own path for one file (strict reading, the schema's rules,
foreign keys against the clean tables, typing), half of them with pandas' splitter forced on; a
smaller sample goes through ``helpers.load`` on a copy of data/, and through the descriptor.
"""

from __future__ import annotations

import importlib
import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable

import pandas as pd
import pytest

import helpers

loader = importlib.import_module("helpers.load")
csvfile = importlib.import_module("helpers.csvfile")
validate = importlib.import_module("helpers.validate")

SEED = 14
CASES = 1200
Change = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")[:-1]  # every file ends with a line break


def _plain(line: bytes) -> bytes:
    """The start of a line before any quote: its commas separate cells."""
    return line.split(b'"', 1)[0]


def _a_line(rng: random.Random, data: bytes, comma: bool = False) -> tuple[list[bytes], int]:
    """The file's lines and a random data line (with a comma before any quote, if asked)."""
    lines = _lines(data)
    fit = [i for i, line in enumerate(lines) if i and (b"," in _plain(line) or not comma)]
    return lines, rng.choice(fit)


def _joined(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"


def extra_field(rng: random.Random, data: bytes) -> bytes:
    lines, i = _a_line(rng, data)
    cut = rng.randrange(len(_plain(lines[i])) + 1)
    lines[i] = lines[i][:cut] + b"," + lines[i][cut:]
    return _joined(lines)


def missing_field(rng: random.Random, data: bytes) -> bytes:
    lines, i = _a_line(rng, data, comma=True)
    commas = [j for j, byte in enumerate(_plain(lines[i])) if byte == ord(",")]
    j = rng.choice(commas)
    lines[i] = lines[i][:j] + lines[i][j + 1 :]
    return _joined(lines)


def unquoted_comma(rng: random.Random, data: bytes) -> bytes:
    """A cell whose comma lost its quotes (or, where no cell has one, a stray quote)."""
    cells = list(re.finditer(rb',"([^"\n]*,[^"\n]*)"(?=[,\n])', data))
    if not cells:
        return quote(rng, data)
    cell = rng.choice(cells)
    return data[: cell.start() + 1] + cell.group(1) + data[cell.end() :]


def quote(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b'"' + data[at:]


def lost_quote(rng: random.Random, data: bytes) -> bytes:
    quotes = [i for i, byte in enumerate(data) if byte == ord('"')]
    if not quotes:
        return quote(rng, data)
    at = rng.choice(quotes)
    return data[:at] + data[at + 1 :]


def insert(byte_strings: list[bytes]) -> Change:
    def inserted(rng: random.Random, data: bytes) -> bytes:
        at = rng.randrange(1, len(data))
        while (data[at] & 0xC0) == 0x80:  # not inside a UTF-8 sequence
            at -= 1
        return data[:at] + rng.choice(byte_strings) + data[at:]

    return inserted


def cut(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(1, len(data) - 1)
    while data[at - 1 : at] == b"\n":
        at -= 1
    return data[:at]


def blank_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    lines.insert(rng.randrange(1, len(lines) + 1), rng.choice([b"", b"\r"]))
    return _joined(lines)


def lone_cr(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) - 1)
    while data[at : at + 1] == b"\n":  # a carriage return there would end a line properly
        at -= 1
    return data[:at] + b"\r" + data[at:]


def joined_lines(rng: random.Random, data: bytes) -> bytes:
    lines, i = _a_line(rng, data)
    if i == len(lines) - 1:
        i -= 1
    return _joined([*lines[:i], lines[i] + lines[i + 1], *lines[i + 2 :]])


def header(rng: random.Random, data: bytes) -> bytes:
    """A column renamed, a name given twice, or the header gone."""
    lines = _lines(data)
    names = lines[0].split(b",")
    first, second = rng.sample(range(len(names)), 2)
    choice = rng.randrange(3)
    if choice == 0:
        names[first] += b"x"
    elif choice == 1:
        names[first] = names[second]
    else:
        return _joined(lines[1:])
    return _joined([b",".join(names), *lines[1:]])


# Changes that are no corruption: the tables must be identical
def bom(rng: random.Random, data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def crlf(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def needless_quotes(rng: random.Random, data: bytes) -> bytes:
    """Quotes around a cell that needs none (one before the line's first quote)."""
    lines, i = _a_line(rng, data)
    plain = _plain(lines[i])
    cells = plain.split(b",")
    whole = cells if plain == lines[i] else cells[:-1]  # the last part may start a quoted cell
    j = rng.randrange(len(whole)) if whole else 0
    cells[j] = b'"' + cells[j] + b'"' if whole else cells[j]
    lines[i] = b",".join(cells) + lines[i][len(plain) :]
    return _joined(lines)


CONTROL = [bytes([b]) for b in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]
C1 = [chr(c).encode() for c in range(0x80, 0xA0)]
INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc0", b"\x80", b"\xbf", b"\xe2\x82", b"\xed\xa0\x80"]
CORRUPTIONS: dict[str, Change] = {
    "extra field": extra_field,
    "missing field": missing_field,
    "comma without its quotes": unquoted_comma,
    "stray quote": quote,
    "lost quote": lost_quote,
    "NUL byte": insert([b"\x00"]),
    "control character": insert(CONTROL + C1),
    "lone carriage return": lone_cr,
    "byte order mark inside": insert([b"\xef\xbb\xbf"]),
    "invalid UTF-8": insert(INVALID_UTF8),
    "cut mid-line": cut,
    "empty line": blank_line,
    "two records on one line": joined_lines,
    "broken header": header,
}
HARMLESS: dict[str, Change] = {
    "byte order mark at the start": bom,
    "Windows line ends": crlf,
    "needless quotes": needless_quotes,
}
KINDS = {**CORRUPTIONS, **HARMLESS}


def load_one(name: str, data: bytes, clean: dict) -> pd.DataFrame:
    """Table `name` from the bytes `data`, the rest of the package clean, as helpers.load reads
    and checks it; DataError on any problem."""
    resource = clean["resources"][name]
    table, problems = loader.read_checked(f"data/{resource.path}", resource, data)
    if table is not None:
        tables = {**clean["tables"], name: table}
        problems += validate.check_foreign_keys(table, resource, tables)
    loader.raise_if_any(problems, "the fuzzed table")
    return loader.typed(table, resource)


@pytest.fixture(scope="module")
def clean() -> dict:
    package = loader._checked(helpers.DATA_DIR)
    return {
        "resources": package.resources,
        "tables": package.tables,
        "bytes": {
            n: (helpers.DATA_DIR / r.path).read_bytes() for n, r in package.resources.items()
        },
        "frames": {n: package.frame(n) for n in package.tables},
    }


def outcome(name: str, data: bytes, clean: dict) -> str:
    try:
        frame = load_one(name, data, clean)
    except helpers.DataError:
        return "DataError"
    try:
        pd.testing.assert_frame_equal(frame, clean["frames"][name], check_exact=True)
    except AssertionError:
        return "loaded different tables"
    return "identical"


def test_no_corruption_loads_silently(clean, monkeypatch):
    rng = random.Random(SEED)
    names, kinds = sorted(clean["resources"]), sorted(KINDS)
    seen, wrong = Counter(), []
    for case in range(CASES):
        name, kind = rng.choice(names), kinds[case % len(kinds)]
        data = KINDS[kind](rng, clean["bytes"][name])
        monkeypatch.setattr(csvfile, "AT_ONCE_BYTES", 0 if case % 2 else 1 << 17)
        result = outcome(name, data, clean)  # any other exception fails the test here
        seen[result] += 1
        expected = "identical" if kind in HARMLESS else "DataError"
        if result != expected:
            wrong.append(f"case {case}: {kind} in {name}: {result} (data: {data[:80]!r}...)")
    assert wrong == []
    assert seen["DataError"] > 900


@pytest.mark.parametrize("case", range(24))
def test_corrupted_copies_fail_through_helpers_load(data_copy, clean, case):
    rng = random.Random(SEED + case)
    name = rng.choice(sorted(clean["resources"]))
    kind = sorted(KINDS)[case % len(KINDS)]
    path = data_copy / clean["resources"][name].path
    path.write_bytes(KINDS[kind](rng, path.read_bytes()))
    if kind in HARMLESS:
        pd.testing.assert_frame_equal(helpers.load(name, data_dir=data_copy), clean["frames"][name])
    else:
        with pytest.raises(helpers.DataError, match=f"data/{path.name}"):
            helpers.load(name, data_dir=data_copy)


def test_a_corrupted_descriptor_fails_or_means_the_same(tmp_path):
    rng = random.Random(SEED)
    original = (helpers.DATA_DIR / "datapackage.json").read_bytes()
    same = json.loads(original)
    for case in range(40):
        folder = tmp_path / str(case)
        shutil.copytree(helpers.DATA_DIR, folder)
        at = rng.randrange(len(original))
        head, tail = original[:at], original[at:]
        data = rng.choice([head, head + b"}" + tail, head + tail[1:], head + b" " + tail])
        (folder / "datapackage.json").write_bytes(data)
        try:
            meaning = json.loads(data)
        except ValueError:
            meaning = None
        if meaning is None:
            with pytest.raises(helpers.DataError, match=r"datapackage.json.*invalid JSON"):
                helpers.tables(data_dir=folder)
        elif meaning == same:
            assert helpers.describe(data_dir=folder).equals(helpers.describe())
        # else a space or brace landed inside a string: a different text, not a corruption


def _paths(node: object, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON tree, as the keys and indices leading to it."""
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*at, index))
    return found


def test_a_descriptor_with_values_of_the_wrong_kind_fails_cleanly(tmp_path):
    """Any value replaced by one of another JSON kind: a DataError, or the same tables (when the
    value only documents, such as a title)."""
    rng = random.Random(SEED)
    original = json.loads((helpers.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    places = [p for p in _paths(original) if p]
    expected = [helpers.load(name) for name in helpers.tables()]
    for case in range(80):
        descriptor = json.loads(json.dumps(original))
        *parent, last = rng.choice(places)
        node = descriptor
        for key in parent:
            node = node[key]
        node[last] = rng.choice([None, 7, 2.5, True, "x", "", [], {}, [1], {"a": 1}])
        folder = tmp_path / str(case)
        folder.mkdir()
        for table in helpers.DATA_DIR.glob("*.csv"):
            (folder / table.name).symlink_to(table)
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        try:
            names = helpers.tables(data_dir=folder)
        except helpers.DataError:
            continue
        for name, frame in zip(names, expected, strict=True):  # a renamed table is the same
            # the same values; a dropped constraint (e.g. `constraints: {}`) may change a dtype
            pd.testing.assert_frame_equal(
                helpers.load(name, data_dir=folder),
                frame,
                check_dtype=False,
                check_categorical=False,
            )
