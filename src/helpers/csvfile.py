"""Read one CSV file strictly: UTF-8, no control characters, quotes only around whole cells (and
doubled inside them), a line break after every record, and as many fields in every record as in
the header.

A UTF-8 byte order mark at the very start is accepted and dropped: spreadsheet programs write one,
it carries no data, and the standard validator accepts it too, so such a file loads identically.
Anywhere else it is refused. Every breach is a ``Problem`` naming the file, the line, the column
(where one applies) and the rule.

Speed: the checks run on the whole text at C speed (byte translation, one regular expression over
the quoted cells, a count of commas). The csv module splits a small file; pandas' C parser splits
a large one, unless a record may have the wrong number of fields: then the csv module reads it,
record by record, to tell exactly which records are wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .problems import Problem

BOM = b"\xef\xbb\xbf"
_C0 = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_C0 = bytes(b for b in range(256) if b not in _C0)
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080 to U+009F in UTF-8
# C0 and C1 control characters but tab, line feed and carriage return; a byte order mark; a
# carriage return that does not end a line
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]|\r(?!\n)")
# A cell in quotes, with any quote inside doubled, from a cell's start to its end
_QUOTED_CELL = re.compile(r'(?:^|(?<=[,\n]))"(?:[^"]|"")*"(?=,|\r?\n|\Z)')
AT_ONCE_BYTES = 1 << 17  # pandas' parser pays off above about this size; the csv module below
csv.field_size_limit(2**31 - 1)  # a long note is no error (the csv module's default: 131,072)
QUOTE_HINT = "a cell with a quote, comma or line break is put in quotes, and a quote in it doubled"


@dataclass(frozen=True)
class Table:
    """A CSV file's cells: its header, its columns of text, and the line each record starts on."""

    path: str
    header: list[str]
    columns: dict[str, np.ndarray]
    lines: Sequence[int]
    _distinct: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def distinct(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """A column's codes and distinct texts (in order of appearance): column = texts[codes]."""
        if name not in self._distinct:
            self._distinct[name] = pd.factorize(self.columns[name])
        return self._distinct[name]


def read_table(path: str, data: bytes) -> tuple[Table | None, list[Problem]]:
    """The file's table, or None and the problems that make it unreadable."""
    body = data.removeprefix(BOM)
    text, problem = _decode(path, body)
    if problem:
        return None, [problem]
    if not text:
        return None, [Problem(path, 1, "", "", "header", "the file is empty; it needs a header")]
    quoted = list(_QUOTED_CELL.finditer(text)) if '"' in text else []
    problem = _character_problem(path, body, text) or _quote_problem(path, text, quoted)
    if problem:
        return None, [problem]
    if not text.endswith("\n"):
        detail = "the last record has no line break after it: is the file cut short?"
        return None, [Problem(path, text.count("\n") + 1, "", "", "line end", detail)]
    columns = _columns_at_once(text, quoted) if len(body) >= AT_ONCE_BYTES else None
    if columns is None:
        return _table_record_by_record(path, text)
    header = [str(c[0]) for c in columns]
    problems = _header_problems(path, header)
    if problems:
        return None, problems
    lines = _record_lines(text, len(columns[0]) - 1)
    return Table(path, header, {n: c[1:] for n, c in zip(header, columns, strict=True)}, lines), []


def _decode(path: str, body: bytes) -> tuple[str, Problem | None]:
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, column = _locate(body[: error.start].decode("utf-8"))
        bad = body[error.start : error.end]
        detail = f"not valid UTF-8 (byte {bad.hex(' ')}); save the file as UTF-8"
        return "", Problem(path, line, column, repr(bad)[2:-1], "encoding", detail)


def _character_problem(path: str, body: bytes, text: str) -> Problem | None:
    """The first character that no cell may hold, if any (`body` is `text` in UTF-8)."""
    found = _FORBIDDEN.search(text) if _may_have_forbidden(body) else None
    if not found:
        return None
    line, column = _locate(text[: found.start()])
    char = found.group()[0]
    what = "a byte order mark after the start" if char == "\ufeff" else "a control character"
    count = len(_FORBIDDEN.findall(text))
    detail = f"{what} (U+{ord(char):04X}) is not allowed; {count} such in the file"
    return Problem(path, line, column, char, "character", detail)


def _may_have_forbidden(data: bytes) -> bool:
    """The same test as _FORBIDDEN, on the bytes and quicker, to spare the search."""
    lone_cr = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    c1 = b"\xc2" in data and _C1.search(data)  # a one-byte search first: quicker
    bom = b"\xef" in data and BOM in data
    return bool(data.translate(None, _NOT_C0) or c1 or bom or lone_cr)


def _quote_problem(path: str, text: str, quoted: list[re.Match[str]]) -> Problem | None:
    """The first quote that does not open or close a whole quoted cell, if any."""
    covered = 0
    for cell in quoted:
        if '"' in text[covered : cell.start()]:
            break
        covered = cell.end()
    stray = text.find('"', covered)
    if stray < 0:
        return None
    line, column = _locate(text[:stray])
    return Problem(path, line, column, "", "quotes", f"a quote out of place; {QUOTE_HINT}")


def _locate(before: str) -> tuple[int, str]:
    """The line and the column (by header name) of the character that follows `before`."""
    line = before.count("\n") + 1
    if line == 1:
        return line, ""
    rows = list(csv.reader(io.StringIO(before + "\n")))
    header, position = rows[0], max(len(rows[-1]) - 1, 0)
    return line, header[position] if position < len(header) else ""


def _columns_at_once(text: str, quoted: list[re.Match[str]]) -> list[np.ndarray] | None:
    """Every column, header first, split by pandas' C parser; None unless every record surely
    has as many fields as the header: none longer (pandas refuses those), none shorter or empty
    (the commas outside quotes would not add up; with one column there are none to count)."""
    try:
        frame = pd.read_csv(
            io.StringIO(text), header=None, dtype=object, na_filter=False, skip_blank_lines=False
        )
    except pd.errors.ParserError:
        return None
    rows, width = frame.shape
    commas = text.count(",") - sum(cell.group().count(",") for cell in quoted)
    if width < 2 or commas != (width - 1) * rows:
        return None
    return [frame[i].to_numpy() for i in range(width)]


def _table_record_by_record(path: str, text: str) -> tuple[Table | None, list[Problem]]:
    """The table read by the csv module, which tells which records have the wrong length."""
    records = list(csv.reader(io.StringIO(text), strict=True))
    header, rows = records[0], records[1:]
    lines = _record_lines(text, len(rows))
    problems = _header_problems(path, header) + _length_problems(path, header, rows, lines)
    if problems:
        return None, problems
    columns = [np.array(c, dtype=object) for c in zip(*rows, strict=True)]
    columns = columns or [np.array([], dtype=object) for _ in header]
    return Table(path, header, dict(zip(header, columns, strict=True)), lines), []


def _record_lines(text: str, count: int) -> Sequence[int]:
    """The line on which each of `count` records starts (the header is line 1)."""
    if text.count("\n") == count + 1:  # no line break inside a quoted cell
        return range(2, count + 2)
    reader = csv.reader(io.StringIO(text))
    next(reader)
    starts, start = [], 2
    for _ in reader:
        starts.append(start)
        start = reader.line_num + 1
    return starts


def _header_problems(path: str, header: list[str]) -> list[Problem]:
    if len(set(header)) == len(header) and "" not in header:
        return []
    detail = f"column names must be distinct and not empty; found {header}"
    return [Problem(path, 1, "", "", "header", detail)]


def _length_problems(
    path: str, header: list[str], rows: list[list[str]], lines: Sequence[int]
) -> list[Problem]:
    """Records with more or fewer fields than the header."""
    width = len(header)
    problems = []
    for line, cells in zip(lines, rows, strict=True):
        if len(cells) != width:
            blank = " (an empty line)" if not cells else ""
            detail = f"{len(cells)} field(s) where the header has {width}{blank}"
            column = header[len(cells)] if len(cells) < width else header[-1]
            problems.append(Problem(path, line, column, ",".join(cells), "fields", detail))
    return problems
