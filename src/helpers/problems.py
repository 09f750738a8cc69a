"""What a broken rule looks like: a ``Problem`` per cell, row or file, and the ``DataError``
that lists them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class DataError(ValueError):
    """The data package breaks a rule; the message lists every problem found."""


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule in one cell (or row, or file)."""

    path: str
    line: int
    column: str
    value: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        cell = f", column {self.column!r}, value {self.value!r}" if self.column else ""
        return f"{where}{cell}: {self.detail} [rule: {self.rule}]"


def raise_if_any(problems: Iterable[Problem], what: str) -> None:
    """Raise one DataError listing `problems`, sorted by file and line, if there are any."""
    found = sorted(problems)
    if found:
        listed = "\n".join(f"  {p}" for p in found)
        raise DataError(f"{len(found)} problem(s) in {what}:\n{listed}")
